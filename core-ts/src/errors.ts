/**
 * Typed errors: every failure the core reports carries a stable machine-readable code.
 * Callers switch on `code`; `message` is for people and never carries card data.
 */
export class ArkPayError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'ArkPayError';
  }
}

/** True when `e` is an ArkPayError with the given code (or any code when omitted). */
export function isArkPayError(e: Error, code?: string): boolean {
  if (!(e instanceof ArkPayError)) {
    return false;
  }
  return code === undefined || e.code === code;
}
