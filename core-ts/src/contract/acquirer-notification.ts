/**
 * The payment notification an acquiring partner receives: an HTTP POST of JSON to its notification URL,
 * signed with its notification secret. Header `x-arkpay-acquirer-signature: t=<epoch ms>,v1=<hex>` where
 * hex is HMAC-SHA256(secret, "<t>.<body>") over the body bytes exactly as received. A receiver recomputes
 * the HMAC, compares in constant time and refuses a timestamp older than SIGNATURE_TOLERANCE_MS.
 * Delivery is at least once (retried with back-off until a 2xx): `id` identifies a notification.
 */
import type { AcquiredPayment } from './acquired-payment';

export enum AcquirerNotificationHeader {
  SIGNATURE = 'x-arkpay-acquirer-signature',
  TYPE = 'x-arkpay-notification',
}

export enum AcquirerNotificationType {
  Authorized = 'payment.authorized',
  Declined = 'payment.declined',
  Cancelled = 'payment.cancelled',
  Settled = 'payment.settled',
  Refunded = 'payment.refunded',
}

export interface AcquirerNotification {
  id: string;
  type: AcquirerNotificationType;
  /** Epoch ms the change happened. */
  createdAt: number;
  /** The payment after the change. */
  payment: AcquiredPayment;
}

/** How old a signed timestamp a receiver should still accept. */
export const SIGNATURE_TOLERANCE_MS: number = 300000;

/** The string the HMAC covers. */
export function notificationSigningString(timestamp: number, body: string): string {
  return `${timestamp}.${body}`;
}

/** The header value for a timestamp and its lower-case hex HMAC. */
export function formatNotificationSignature(timestamp: number, hmacHex: string): string {
  return `t=${timestamp},v1=${hmacHex.toLowerCase()}`;
}

export class NotificationSignature {
  readonly timestamp: number;
  readonly hmacHex: string;

  constructor(timestamp: number, hmacHex: string) {
    this.timestamp = timestamp;
    this.hmacHex = hmacHex;
  }
}

/** The header's parts, or null when it is not `t=<digits>,v1=<64 hex>`. */
export function parseNotificationSignature(header: string): NotificationSignature | null {
  const m = /^t=([0-9]{1,15}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (m === null) {
    return null;
  }
  return new NotificationSignature(Number(m[1]), m[2]);
}
