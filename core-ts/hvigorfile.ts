import { harTasks } from '@ohos/hvigor-ohos-plugin';

export default {
  system: harTasks, // built-in tasks of a HarmonyOS static library (HAR)
  plugins: [],
};
