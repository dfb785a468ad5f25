// @arkpay/core/qr: EMVCo QR: merchant-presented and consumer-presented codes, routing.
export * from './base64';
export * from './cpm';
export * from './cpm-parse';
export * from './crc16';
export * from './foreign-code';
export * from './mpm';
export * from './mpm-amount';
export * from './mpm-build';
export * from './mpm-fields';
export * from './mpm-parse';
export * from './networks';
export * from './qr-error';
export * from './routing';
