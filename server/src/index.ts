// Public surface of @arkpay/server.

export type { TapRequestT } from './authorize/model';
export { startBanner } from './banner';
export { DEMO_PROGRAM, type DemoCredentials, seedDemo } from './bootstrap/demo';
export * from './client/device-client';
export { loadKeys, type MerchantInfo, tapRequest, walletCardConfig } from './client/tap';
export { type Config, ConfigError, loadConfig } from './config';
export { sealCardData } from './crypto/card-envelope';
export { signingString } from './crypto/device-signature';
export { type Db, openDatabase } from './db/connect';
export type { Deps } from './deps';
export { type AppOptions, createApp } from './http/app';
export type { AppEnv } from './http/env';
export { type RunningServer, type StartOptions, startServer } from './server';
export { verifyWebhook } from './webhooks/signature';
