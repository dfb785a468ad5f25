// Public surface of @arkpay/core. One line per module; add yours in its section.
// --- codecs and errors

export * from './apdu';
export * from './dol';
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
