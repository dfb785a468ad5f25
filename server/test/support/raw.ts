/** Raw HTTP for attack and fuzz tests: exact bytes, any content type, device signatures over the raw body. */
import { createHash, createSign, type KeyObject, randomBytes } from 'node:crypto';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface RawRequest {
  method: string;
  path: string;
  body?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function raw(baseUrl: string, r: RawRequest): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...r.headers };
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  const res = await fetch(`${baseUrl}${r.path}`, { method: r.method, headers, body: r.body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The device-signature headers for exactly these body bytes (crypto/device-signature.ts, written out). */
export function deviceHeaders(
  key: KeyObject,
  deviceId: string | undefined,
  method: string,
  path: string,
  body: string | Uint8Array,
): Record<string, string> {
  const nonce = randomBytes(16).toString('base64url');
  const ts = String(Date.now());
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const sig = createSign('sha256')
    .update(`${method}\n${path}\n${bodyHash}\n${nonce}\n${ts}`)
    .sign({ key, dsaEncoding: 'ieee-p1363' })
    .toString('base64url');
  const h: Record<string, string> = {
    'x-arkpay-nonce': nonce,
    'x-arkpay-timestamp': ts,
    'x-arkpay-signature': sig,
  };
  if (deviceId !== undefined) h['x-arkpay-device'] = deviceId;
  return h;
}

/** A Luhn-valid card number: `prefix`, random digits, check digit, `length` digits in all. */
export function luhnPan(prefix: string, length = 16): string {
  let body = prefix;
  while (body.length < length - 1) body += String(randomBytes(1)[0] % 10);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}
