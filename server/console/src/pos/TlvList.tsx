/** A BER-TLV tree with EMV tag names (the core's dictionary); text values (labels, names) decoded. */
import { TagFormat, type Tlv, tagHex, tagInfo, toHex } from '@arkpay/core';

function shown(t: Tlv): string {
  const info = tagInfo(t.tag);
  const text = info !== null && (info.format === TagFormat.ANS || info.format === TagFormat.AN);
  if (!text || t.value.some((b) => b < 0x20 || b > 0x7e)) return toHex(t.value);
  return `"${String.fromCharCode(...t.value)}" (${toHex(t.value)})`;
}

export function TlvList({ list }: { list: Tlv[] }) {
  return (
    <ul class="tlv">
      {list.map((t, i) => (
        <li key={i}>
          <span class="tag">{tagHex(t.tag)}</span>
          <span>{tagInfo(t.tag)?.name ?? 'unknown tag'}</span>{' '}
          {t.children === null ? <code>{shown(t)}</code> : <TlvList list={t.children} />}
        </li>
      ))}
    </ul>
  );
}
