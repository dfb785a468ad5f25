// @arkpay/core/node: the core's ports implemented on Node built-ins.
export * from './node-crypto';
export * from './sqlite-storage';
