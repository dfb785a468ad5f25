/** A kit's BusinessError: `code` is what the SDK declarations' `@throws` name. */
export class KitError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = 'BusinessError';
    this.code = code;
  }
}
