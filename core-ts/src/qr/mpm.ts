/** A parsed merchant-presented QR payload: its fields in payload order, with named accessors. */
import type { QrWarning } from './qr-error';

export class MpmField {
  /** Two-digit ID as written. */
  readonly id: string;
  readonly value: string;
  /** Parsed sub-fields of a template, else null. */
  readonly children: MpmField[] | null;

  constructor(id: string, value: string, children: MpmField[] | null) {
    this.id = id;
    this.value = value;
    this.children = children;
  }

  /** Sub-field value by ID, or null. */
  sub(id: string): string | null {
    if (this.children !== null) {
      for (const c of this.children) {
        if (c.id === id) {
          return c.value;
        }
      }
    }
    return null;
  }
}

export enum TipIndicator {
  Prompt = '01',
  Fixed = '02',
  Percentage = '03',
}

export class Mpm {
  /** Root fields in payload order (63 included). */
  readonly fields: MpmField[];
  readonly warnings: QrWarning[];
  private readonly byId: Map<string, MpmField> = new Map<string, MpmField>();

  constructor(fields: MpmField[], warnings: QrWarning[]) {
    this.fields = fields;
    this.warnings = warnings;
    for (const f of fields) {
      this.byId.set(f.id, f);
    }
  }

  field(id: string): MpmField | null {
    const f = this.byId.get(id);
    return f === undefined ? null : f;
  }

  value(id: string): string | null {
    const f = this.byId.get(id);
    return f === undefined ? null : f.value;
  }

  /** Dynamic (12) codes are for one payment; static (11) or absent may be reused. */
  get dynamic(): boolean {
    return this.value('01') === '12';
  }
  get amount(): string | null {
    return this.value('54');
  }
  get currency(): string | null {
    return this.value('53');
  }
  get merchantName(): string | null {
    return this.value('59');
  }
  get merchantCity(): string | null {
    return this.value('60');
  }
  get countryCode(): string | null {
    return this.value('58');
  }
  get mcc(): string | null {
    return this.value('52');
  }
  get tip(): string | null {
    return this.value('55');
  }
  /** Sub-field of the additional data template 62, e.g. "05" reference label. */
  additional(id: string): string | null {
    const f = this.field('62');
    return f === null ? null : f.sub(id);
  }
  /** Merchant account fields 02-51 in ascending ID order. */
  merchantAccounts(): MpmField[] {
    return this.fields.filter((f: MpmField) => f.id >= '02' && f.id <= '51').sort(byId);
  }
  /** Unreserved templates 80-99 in ascending ID order. */
  unreserved(): MpmField[] {
    return this.fields.filter((f: MpmField) => f.id >= '80').sort(byId);
  }
}

const byId = (a: MpmField, b: MpmField): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
