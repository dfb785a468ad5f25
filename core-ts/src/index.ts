// Public surface of @arkpay/core. One line per module; add yours in its section.
// --- codecs and errors

export * from './apdu';
// --- crypto
export * from './crypto/cmac';
export * from './crypto/mac';
export * from './crypto/padding';
export * from './crypto/sm3';
export * from './crypto/sm4';
export * from './crypto/soft-keystore';
export * from './dol';
// --- emv
export * from './emv/arpc';
export * from './emv/cryptogram';
export * from './emv/icc-key';
export * from './emv/session-key';
export * from './emv/tags';
export * from './errors';
export * from './hex';
export * from './ports/clock';
// --- ports
export * from './ports/crypto';
export * from './ports/keystore';
export * from './ports/memory-storage';
export * from './ports/random';
export * from './ports/storage';
export * from './sw';
export * from './tlv';
