import { appTasks } from '@ohos/hvigor-ohos-plugin';

export default {
  system: appTasks, // built-in tasks of the HarmonyOS application
  plugins: [],
};
