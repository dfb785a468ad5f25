// @arkpay/core/money: ISO 4217 currencies, amounts in minor units, cross-currency conversion.
export * from './amount';
export * from './currency';
export * from './fx';
