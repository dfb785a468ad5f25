// @arkpay/core/card: the card applet: HCE answers, keys, owner verification.
export * from './applet';
export * from './authorize';
export * from './fci';
export * from './key-batch';
export * from './profile';
export * from './session';
export * from './verification';
export * from './wallet-card';
