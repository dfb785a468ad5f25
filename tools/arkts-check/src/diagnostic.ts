/** One finding of the checker, printed as `file:line:col rule message`. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  /** ArkTS rule id (`arkts-no-any-unknown`), TypeScript code (`TS2345`) or a config/hypium rule. */
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.rule} ${d.message}`;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule),
  );
}
