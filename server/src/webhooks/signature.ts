/**
 * Webhook signatures: header `x-arkpay-signature: t=<epoch ms>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * Receivers recompute the HMAC and refuse old timestamps.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, header: string, body: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (m === null || m[1] === undefined || m[2] === undefined) return false;
  const expected = Buffer.from(signWebhook(secret, Number(m[1]), body).split('v1=')[1] ?? '', 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2], 'hex'));
}
