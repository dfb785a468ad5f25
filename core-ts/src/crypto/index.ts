// @arkpay/core/crypto: block ciphers, MACs and the software key store.
export * from './cmac';
export * from './mac';
export * from './padding';
export * from './sm3';
export * from './sm4';
export * from './soft-keystore';
