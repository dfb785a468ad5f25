/** Reads a consumer-presented QR (EMVCo CPM: base64 of BER-TLV) pasted from a scanner, field by field. */
import { decodeTlv, type Tlv } from '@arkpay/core';
import { useState } from 'preact/hooks';
import { errorText } from '../api';
import { TlvList } from './TlvList';

function parseCpm(text: string): Tlv[] {
  const bin = atob(text.trim());
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return decodeTlv(bytes);
}

export function ConsumerQr() {
  const [text, setText] = useState('');
  let fields: Tlv[] = [];
  let error = '';
  if (text.trim() !== '') {
    try {
      fields = parseCpm(text);
    } catch (e) {
      error = errorText(e);
    }
  }
  return (
    <div class="card">
      <h2>Consumer QR (CPM)</h2>
      <label for="cpm">Scan with a keyboard-wedge scanner or paste the payload</label>
      <textarea id="cpm" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="hQVDUFYwMWF…" />
      {error === '' ? <TlvList list={fields} /> : <p class="error">{error}</p>}
    </div>
  );
}
