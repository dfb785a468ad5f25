// @arkpay/core/emv: EMV cryptograms, keys, IAD and the tag dictionary.
export * from './ac-data';
export * from './arpc';
export * from './cryptogram';
export * from './cvn';
export * from './iad';
export * from './icc-key';
export * from './session-key';
export * from './tags';
