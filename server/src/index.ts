// Public surface of @arkpay/server.

export type { TapRequestT } from './authorize/model';
export { type StartedService, startBanner } from './banner';
export { DEMO_FULL_PROGRAM, DEMO_PROGRAM, type DemoCredentials, seedDemo } from './bootstrap/demo';
export * from './client/device-client';
export { loadKeys, type MerchantInfo, tapRequest, walletCardConfig } from './client/tap';
export { type Config, ConfigError, loadConfig } from './config';
export { withConsole } from './console/with-console';
export { sealCardData } from './crypto/card-envelope';
export { signingString } from './crypto/device-signature';
export { type Db, openDatabase } from './db/connect';
export type { Deps } from './deps';
export { type AppOptions, createApp } from './http/app';
export type { AppEnv } from './http/env';
export { simulatedTap } from './pos/simulated-tap';
export { DEMO_CARD, SimulatedWallet } from './pos/simulated-wallet';
export { posKernel } from './pos/terminal';
export type { WalletState } from './pos/wallet-state';
export { isWalletState } from './pos/wallet-state';
export { attachRelay, type Relay, type RelayOptions } from './relay/attach';
export { type RunningServer, type StartOptions, startServer } from './server';
export { verifyWebhook } from './webhooks/signature';
export { type RunningWorkers, startWorkers } from './workers';
