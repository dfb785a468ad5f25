/** HuksOptions as the app passes them, read by tag. */
import { KitError } from '../errors/kit-error';
import { HuksExceptionErrCode as E } from './huks-enums';

export interface HuksParam {
  tag: number;
  value: boolean | number | bigint | Uint8Array;
}
export interface HuksOptions {
  properties?: HuksParam[];
  inData?: Uint8Array;
}

export class Params {
  private readonly map = new Map<number, HuksParam['value']>();

  constructor(options: HuksOptions | undefined) {
    for (const p of options?.properties ?? []) this.map.set(p.tag, p.value);
  }

  has(tag: number): boolean {
    return this.map.has(tag);
  }

  num(tag: number): number | undefined {
    const v = this.map.get(tag);
    return typeof v === 'number' ? v : undefined;
  }

  /** A required number; `missing` is the code HUKS answers when it is absent. */
  need(tag: number, what: string): number {
    const v = this.num(tag);
    if (v === undefined)
      throw new KitError(E.HUKS_ERR_CODE_MISSING_CRYPTO_ALG_ARGUMENT, `${what} is not set in ParamSet.`);
    return v;
  }

  bytes(tag: number): Uint8Array | undefined {
    const v = this.map.get(tag);
    return v instanceof Uint8Array ? v : undefined;
  }
}
