/** Typed QR errors and warnings: a stable code plus the field path ("54", "62.05") it concerns. */
import { ArkPayError } from '../errors';

/**
 * Codes: QR_FORMAT (not ID‖length‖value, bad payload format indicator), QR_LENGTH_OVERRUN, QR_DUPLICATE_ID,
 * QR_CRC_MISSING, QR_CRC_NOT_LAST, QR_BAD_CRC, QR_BAD_AMOUNT, QR_VALUE (builder: value out of range),
 * QR_BASE64, QR_TLV, QR_CPM_FIELD, QR_CPM_USED (CPM).
 */
export class QrError extends ArkPayError {
  readonly fieldId: string;

  constructor(code: string, fieldId: string, message: string) {
    super(code, fieldId === '' ? message : `field ${fieldId}: ${message}`);
    this.fieldId = fieldId;
    this.name = 'QrError';
  }
}

/** Something a strict reader would reject but real-world payloads do; the payload is still usable. */
export class QrWarning {
  readonly code: string;
  readonly fieldId: string;
  readonly message: string;

  constructor(code: string, fieldId: string, message: string) {
    this.code = code;
    this.fieldId = fieldId;
    this.message = message;
  }
}
