/** Reads a consumer-presented QR (EMVCo CPM) pasted or typed by a keyboard-wedge scanner, with the core's parser. */
import { base64Decode, type Cpm, decodeTlv, parseCpm, type Tlv, toHex } from '@arkpay/core';
import { useState } from 'preact/hooks';
import { errorText } from '../api';
import { TlvList } from './TlvList';

export function ConsumerQr() {
  const [text, setText] = useState('');
  let cpm: Cpm | null = null;
  let tree: Tlv[] = [];
  let error = '';
  if (text.trim() !== '') {
    try {
      cpm = parseCpm(text);
      tree = decodeTlv(base64Decode(text.trim()));
    } catch (e) {
      const c = (e as { code?: string }).code;
      error = c === undefined ? errorText(e) : `${c}: ${errorText(e)}`;
    }
  }
  return (
    <div class="card">
      <h2>Consumer QR (CPM)</h2>
      <label for="cpm">Scan with a keyboard-wedge scanner or paste the payload</label>
      <textarea id="cpm" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="hQVDUFYwMWF…" />
      {error !== '' ? (
        <p class="error" data-testid="cpm-error">
          {error}
        </p>
      ) : null}
      {cpm === null ? null : (
        <div data-testid="cpm">
          <p>
            <strong>{cpm.label}</strong> <code>{cpm.aid}</code>
            <br />
            token <code>{cpm.pan}</code> · ATC {cpm.atc} · cryptogram <code>{toHex(cpm.cryptogram)}</code>
          </p>
          <TlvList list={tree} />
        </div>
      )}
    </div>
  );
}
