// Public surface of @arkpay/core. One line per module; add yours in its section.
// --- codecs and errors

export * from './apdu';
// --- card
export * from './card/applet';
export * from './card/authorize';
export * from './card/fci';
export * from './card/key-batch';
export * from './card/profile';
export * from './card/session';
export * from './card/verification';
export * from './card/wallet-card';
// --- contract (the API's error codes)
export * from './contract/errors';
// --- crypto
export * from './crypto/cmac';
export * from './crypto/mac';
export * from './crypto/padding';
export * from './crypto/sm3';
export * from './crypto/sm4';
export * from './crypto/soft-keystore';
export * from './dol';
export * from './emv/ac-data';
// --- emv
export * from './emv/arpc';
export * from './emv/cryptogram';
export * from './emv/cvn';
export * from './emv/iad';
export * from './emv/icc-key';
export * from './emv/session-key';
export * from './emv/tags';
export * from './errors';
export * from './hex';
// --- kernel
export * from './kernel/card-data';
export * from './kernel/kernel';
export * from './kernel/kernel-session';
export * from './kernel/outcome';
export * from './kernel/selection';
export * from './kernel/terminal';
export * from './kernel/transaction';
export * from './kernel/transcript';
export * from './ports/clock';
// --- ports
export * from './ports/crypto';
export * from './ports/keystore';
export * from './ports/memory-storage';
export * from './ports/random';
export * from './ports/storage';
// --- qr
export * from './qr/base64';
export * from './qr/cpm';
export * from './qr/cpm-parse';
export * from './qr/crc16';
export * from './qr/mpm';
export * from './qr/mpm-build';
export * from './qr/mpm-fields';
export * from './qr/mpm-parse';
export * from './qr/networks';
export * from './qr/qr-error';
export * from './qr/routing';
// --- wallet
export * from './state-machine';
export * from './sw';
export * from './tlv';
export * from './wallet/card-data';
export * from './wallet/installer';
export * from './wallet/lifecycle';
export * from './wallet/provisioning';
export * from './wallet/provisioning-port';
export * from './wallet/provisioning-session';
export * from './wallet/provisioning-table';
export * from './wallet/tap';
export * from './wallet/tap-table';
export * from './wallet/token-record';
export * from './wallet/tx-log';
export * from './wallet/wallet-store';
