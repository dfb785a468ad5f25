// @arkpay/core/contract: every shape that crosses a process boundary (app, service, console, CLI).
export * from './acquired-payment';
export * from './acquirer-notification';
export * from './decline';
export * from './device-signature';
export * from './errors';
export * from './issuer-api';
export * from './qr-quote';
export * from './relay';
export * from './schemes';
export * from './tap-report';
export * from './tap-request';
