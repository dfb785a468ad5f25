/** Stand-in for @kit.UniversalKeystoreKit: `huks` on the model in ../huks. */

import * as ops from '../huks/huks';
import * as enums from '../huks/huks-enums';

export const huks = {
  ...enums,
  generateKeyItem: ops.generateKeyItem,
  importKeyItem: ops.importKeyItem,
  deleteKeyItem: ops.deleteKeyItem,
  hasKeyItem: ops.hasKeyItem,
  isKeyItemExist: ops.isKeyItemExist,
  exportKeyItem: ops.exportKeyItem,
  initSession: ops.initSession,
  updateSession: ops.updateSession,
  finishSession: ops.finishSession,
  abortSession: ops.abortSession,
};
