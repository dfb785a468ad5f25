import { hapTasks } from '@ohos/hvigor-ohos-plugin';

export default {
  system: hapTasks, // built-in tasks of a HarmonyOS application package (HAP)
  plugins: [],
};
