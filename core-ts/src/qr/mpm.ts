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
  /** Merchant accounts (02-51) and unreserved templates (80-99), sorted once: callers ask repeatedly. */
  private readonly accounts: MpmField[] = [];
  private readonly templates: MpmField[] = [];

  constructor(fields: MpmField[], warnings: QrWarning[]) {
    this.fields = fields;
    this.warnings = warnings;
    for (const f of fields) {
      this.byId.set(f.id, f);
      const n = Number.parseInt(f.id, 10);
      if (n >= 2 && n <= 51) {
        this.accounts.push(f);
      } else if (n >= 80) {
        this.templates.push(f);
      }
    }
    this.accounts.sort(byId);
    this.templates.sort(byId);
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
    return this.accounts.slice(0);
  }
  /** Unreserved templates 80-99 in ascending ID order. */
  unreserved(): MpmField[] {
    return this.templates.slice(0);
  }
}

const byId = (a: MpmField, b: MpmField): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
