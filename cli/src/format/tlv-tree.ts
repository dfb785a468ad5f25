/** Describes decoded BER-TLV for people and scripts: tag, EMV name, length, value read per its format. */
import { TagFormat, type Tlv, tagHex, tagInfo, toHex } from '@arkpay/core';
import type { Output } from '../output';

export interface TlvNode {
  tag: string;
  name: string | null;
  length: number;
  hex: string;
  /** The value read as text or digits when the tag's format says so. */
  text?: string;
  children?: TlvNode[];
}

function readable(format: TagFormat, value: Uint8Array): string | undefined {
  if (format === TagFormat.AN || format === TagFormat.ANS) {
    return Buffer.from(value).toString('latin1');
  }
  if (format === TagFormat.CN) return toHex(value).replace(/F+$/i, '');
  return undefined;
}

export function describeTlv(list: Tlv[]): TlvNode[] {
  return list.map((t) => {
    const info = tagInfo(t.tag);
    const node: TlvNode = { tag: tagHex(t.tag), name: info?.name ?? null, length: t.value.length, hex: toHex(t.value) };
    const text = info !== null && t.children === null ? readable(info.format, t.value) : undefined;
    if (text !== undefined) node.text = text;
    if (t.children !== null) node.children = describeTlv(t.children);
    return node;
  });
}

/** Indented lines: `9F26 Application Cryptogram (8) 1A2B…`. */
export function renderTlv(out: Output, nodes: TlvNode[], indent = ''): string[] {
  const lines: string[] = [];
  for (const n of nodes) {
    const name = n.name === null ? out.yellow('(unknown tag)') : n.name;
    const head = `${indent}${out.cyan(n.tag.padEnd(4))} ${name} ${out.dim(`(${n.length})`)}`;
    if (n.children !== undefined) {
      lines.push(head);
      lines.push(...renderTlv(out, n.children, `${indent}  `));
    } else {
      const text = n.text !== undefined && n.text !== n.hex ? ` ${out.dim(`"${n.text}"`)}` : '';
      lines.push(`${head} ${n.hex}${text}`);
    }
  }
  return lines;
}
