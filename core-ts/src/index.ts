// Public surface of @arkpay/core: one entry point per domain, also importable alone as
// @arkpay/core/<domain> (package.json exports). The app imports everything from here.

export * from './card/index';
export * from './codec/index';
export * from './contract/index';
export * from './crypto/index';
export * from './emv/index';
export * from './kernel/index';
export * from './money/index';
export * from './ports/index';
export * from './qr/index';
export * from './wallet/index';
