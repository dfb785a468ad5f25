// @arkpay/core/card: the card applet: HCE answers, keys, owner verification.
export * from './applet';
export * from './authorize';
export { PPSE_NAME } from './fci';
export * from './key-batch';
export { CardSession, TapEvent, TapState } from './session';
export { OwnerVerification } from './verification';
export * from './wallet-card';
