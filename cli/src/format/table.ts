/** A plain text table for people: a bold header, columns padded to their widest cell. */
import type { Output } from '../output';

export function printTable(out: Output, header: readonly string[], rows: readonly (readonly string[])[]): void {
  if (rows.length === 0) {
    out.line(out.dim('(none)'));
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  out.line(out.bold(line(header)));
  for (const r of rows) out.line(line(r));
}
