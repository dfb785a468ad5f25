/** A BER-TLV tree with EMV tag names (the core's dictionary). */
import { type Tlv, tagHex, tagInfo, toHex } from '@arkpay/core';

export function TlvList({ list }: { list: Tlv[] }) {
  return (
    <ul class="tlv">
      {list.map((t, i) => (
        <li key={i}>
          <span class="tag">{tagHex(t.tag)}</span>
          <span>{tagInfo(t.tag)?.name ?? 'unknown tag'}</span>{' '}
          {t.children === null ? <code>{toHex(t.value)}</code> : <TlvList list={t.children} />}
        </li>
      ))}
    </ul>
  );
}
