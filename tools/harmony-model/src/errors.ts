/** BusinessError as the kits throw it: a numeric code and a message (@ohos.base BusinessError). */
export class BusinessError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.code = code;
    this.name = 'BusinessError';
  }
}

/** Codes the modelled kits raise (nfc_napi_common_utils.h: BUSI_ERR_*). */
export const ErrorCodes = {
  /** Permission denied. */
  PERMISSION: 201,
  /** The parameter check failed. */
  PARAM: 401,
  /** Capability not supported (the API does not exist on this device / API level). */
  CAPABILITY: 801,
  /** Card emulation running state is abnormal in service. */
  HCE_STATE_INVALID: 3100301,
} as const;
