/**
 * A fingerprint of a build's inputs: every file's path, size and modification time, hashed. Reading
 * metadata only keeps the check at a few milliseconds; an edit, a new or a deleted file changes it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Folders never part of an input: outputs and installed packages. */
const NOT_INPUT = new Set(['node_modules', 'dist', '.arkpay']);

function walk(file: string, into: string[]): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return; // an optional input that does not exist
  }
  if (st.isDirectory()) {
    for (const e of fs.readdirSync(file).sort()) if (!NOT_INPUT.has(e)) walk(path.join(file, e), into);
  } else {
    into.push(`${file}\t${st.size}\t${st.mtimeMs}`);
  }
}

export function fingerprint(root: string, inputs: readonly string[]): string {
  const lines: string[] = [];
  for (const i of inputs) walk(path.join(root, i), lines);
  return createHash('sha256')
    .update(lines.map((l) => path.relative(root, l)).join('\n'))
    .digest('hex');
}
