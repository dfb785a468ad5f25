// Shared test helper: what a call throws, as the ArkPayError code (or a text that never equals a code).
import { ArkPayError } from '@arkpay/core';

export const errorCode = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof ArkPayError ? e.code : `not ArkPayError: ${String(e)}`;
  }
  return 'no error';
};
