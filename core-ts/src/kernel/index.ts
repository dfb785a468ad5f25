// @arkpay/core/kernel: the reader kernel: a tap from the terminal side.
export * from './kernel';
export * from './kernel-session';
export * from './outcome';
export * from './selection';
export { AcceptedApp, defaultAcceptedApps, TerminalConfig, type TerminalConfigInit } from './terminal';
export { TransactionData } from './transaction';
export * from './transcript';
