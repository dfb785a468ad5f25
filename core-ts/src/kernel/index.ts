// @arkpay/core/kernel: the reader kernel: a tap from the terminal side.
export * from './card-data';
export * from './kernel';
export * from './kernel-session';
export * from './outcome';
export * from './selection';
export * from './terminal';
export * from './transaction';
export * from './transcript';
