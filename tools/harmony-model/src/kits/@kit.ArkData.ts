/** Stand-in for @kit.ArkData: `relationalStore` on the model in ../rdb. */
import { getRdbStore, SecurityLevel } from '../rdb/relational-store';

export const relationalStore = { SecurityLevel, getRdbStore };
