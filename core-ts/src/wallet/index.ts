// @arkpay/core/wallet: the wallet: card entry, provisioning, lifecycle, taps, store.
export * from './card-data';
export * from './installer';
export * from './lifecycle';
export * from './provisioning';
export * from './provisioning-port';
export { ProvSession } from './provisioning-session';
export * from './provisioning-table';
export * from './tap';
export * from './tap-table';
export * from './token-record';
export * from './tx-log';
export * from './wallet-store';
