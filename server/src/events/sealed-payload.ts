/**
 * Secrets inside event payloads (the yellow-path one-time code) are sealed under the KEK at rest and opened
 * only when the event leaves the service: the webhook body and the issuer's own events call.
 * Stored form: the field `otp` is replaced by `otpSealed`, AAD `otp:<event subject>` so a sealed code cannot
 * be moved to another token's event.
 */
import { seal, unseal } from '../crypto/seal';
import type { EventPayload } from './outbox';

function otpAad(subjectId: string): string {
  return `otp:${subjectId}`;
}

export function sealOtp(kek: Uint8Array, subjectId: string, otp: string): string {
  return seal(kek, new TextEncoder().encode(otp), otpAad(subjectId));
}

/** The payload as delivered: `otpSealed` opened back into `otp`; other fields unchanged. */
export function openEventPayload(kek: Uint8Array, subjectId: string, stored: string): EventPayload {
  const p = JSON.parse(stored) as EventPayload;
  const sealed = p.otpSealed;
  if (typeof sealed !== 'string') return p;
  const { otpSealed: _, ...rest } = p;
  return { ...rest, otp: new TextDecoder().decode(unseal(kek, sealed, otpAad(subjectId))) };
}
