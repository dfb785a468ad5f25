// @arkpay/core/ports: the platform ports (clock, crypto, key store, random, storage).
export * from './clock';
export * from './crypto';
export * from './keystore';
export * from './memory-storage';
export * from './random';
export * from './storage';
