/** A parsed MPM as field-by-field rows (ID, name, length, value, sub-fields), warnings and networks. */
import {
  charCount,
  fieldSpec,
  formatAmount,
  type Mpm,
  type MpmField,
  mpmAmountMinor,
  mpmCurrency,
  offeredNetworks,
  QrError,
  ROOT_FIELDS,
  templateFields,
} from '@arkpay/core';
import type { Output } from '../output';

export interface FieldRow {
  id: string;
  name: string;
  length: number;
  value: string;
  children?: FieldRow[];
}

function rows(fields: MpmField[], table: typeof ROOT_FIELDS | null): FieldRow[] {
  return fields.map((f) => {
    const id = Number.parseInt(f.id, 10);
    const row: FieldRow = {
      id: f.id,
      name: (table === null ? null : fieldSpec(table, id))?.name ?? 'unknown',
      length: charCount(f.value),
      value: f.value,
    };
    if (f.children !== null) row.children = rows(f.children, templateFields(id));
    return row;
  });
}

interface Warning {
  code: string;
  field: string;
  message: string;
}

/** Field 54 for people by field 53's exponent ("1.250 KWD"); null, with a warning, when it cannot be read. */
function amountText(mpm: Mpm, warnings: Warning[]): string | null {
  try {
    const minor = mpmAmountMinor(mpm);
    return minor === null ? null : formatAmount(minor, mpmCurrency(mpm.currency ?? ''));
  } catch (e) {
    if (!(e instanceof QrError)) throw e;
    warnings.push({ code: e.code, field: e.fieldId, message: e.message });
    return null;
  }
}

export function describeMpm(mpm: Mpm) {
  const warnings: Warning[] = mpm.warnings.map((w) => ({ code: w.code, field: w.fieldId, message: w.message }));
  const shown = amountText(mpm, warnings);
  return {
    kind: 'mpm' as const,
    dynamic: mpm.dynamic,
    merchant: { name: mpm.merchantName, city: mpm.merchantCity, country: mpm.countryCode, mcc: mpm.mcc },
    amount: mpm.amount,
    currency: mpm.currency,
    amountText: shown,
    fields: rows(mpm.fields, ROOT_FIELDS),
    networks: offeredNetworks(mpm).map((n) => ({
      field: n.fieldId,
      key: n.network?.key ?? null,
      name: n.network?.name ?? null,
      guid: n.guid,
    })),
    warnings,
  };
}

function renderRows(out: Output, list: FieldRow[], indent: string): string[] {
  const lines: string[] = [];
  for (const r of list) {
    const head = `${indent}${out.cyan(r.id)} ${r.name} ${out.dim(`(${r.length})`)}`;
    if (r.children === undefined) lines.push(`${head} ${r.value}`);
    else lines.push(head, ...renderRows(out, r.children, `${indent}   `));
  }
  return lines;
}

export function renderMpm(out: Output, d: ReturnType<typeof describeMpm>): string[] {
  const lines = [
    `${out.bold('EMVCo merchant-presented QR')} (${d.dynamic ? 'dynamic: one payment' : 'static'})`,
    ...renderRows(out, d.fields, ''),
  ];
  if (d.amountText !== null) lines.push(`${out.bold('amount')} ${d.amountText}`);
  if (d.networks.length > 0) {
    lines.push(out.bold('networks'));
    for (const n of d.networks)
      lines.push(`  ${n.field} ${n.name ?? out.yellow(`unknown${n.guid === '' ? '' : ` (${n.guid})`}`)}`);
  }
  for (const w of d.warnings) lines.push(`${out.yellow('warning')} ${w.code} field ${w.field}: ${w.message}`);
  return lines;
}
