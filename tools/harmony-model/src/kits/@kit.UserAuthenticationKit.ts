/** Stand-in for @kit.UserAuthenticationKit: `userAuth` on the model in ../userauth. */
import { AuthType, TrustLevel } from '../userauth/device';
import { getAvailableStatus, getUserAuthInstance, ResultCode } from '../userauth/user-auth';

export const userAuth = {
  UserAuthType: AuthType,
  AuthTrustLevel: TrustLevel,
  UserAuthResultCode: ResultCode,
  getAvailableStatus,
  getUserAuthInstance,
};
