// @arkpay/core/codec: codecs and shared types: APDU, BCD, hex, TLV, DOL, status words, errors, state tables.
export * from '../apdu';
export * from '../bcd';
export * from '../dol';
export * from '../errors';
export * from '../hex';
export * from '../state-machine';
export * from '../sw';
export {
  decodeTlv,
  encodeTemplate,
  encodeTlv,
  encodeTlvNode,
  findTlv,
  isConstructed,
  lengthBytes,
  Tlv,
  TlvError,
  tagBytes,
  tagHex,
} from '../tlv';
