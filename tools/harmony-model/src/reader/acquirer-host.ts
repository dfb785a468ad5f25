/**
 * The terminal's acquirer connection: after the kernel's tap it sends the authorization request to a
 * running token service (`POST /v1/acquirer/authorizations/tap`, the acquirer's API key) and returns the
 * service's answer. Loopback only, like every network path of the model.
 */
import { type AuthorizationData, type KernelOutcome, tapRequestOf } from '@arkpay/core';

/** What the reader saw and what the service answered for one tap. */
export class ReaderPayment {
  constructor(
    /** '' when the kernel produced an authorization, else its failure code (e.g. KERNEL_SEE_PHONE). */
    readonly kernel: string,
    readonly approved: boolean,
    /** The service's reason (APPROVED, CVM_REQUIRED…), '' when nothing was sent. */
    readonly reason: string,
    readonly cdcvm: boolean,
    readonly atc: number,
  ) {}
}

function tapBody(a: AuthorizationData): string {
  return JSON.stringify(tapRequestOf(a, { id: 'm-model', name: 'Model Reader', mcc: '5814', terminalId: 'MODEL-1' }));
}

let requests = 0;

/** Sends the kernel's authorization to the service; a kernel failure is returned as is, nothing sent. */
export async function authorizeTap(
  outcome: KernelOutcome,
  serviceUrl: string,
  acquirerKey: string,
): Promise<ReaderPayment> {
  const a = outcome.authorization;
  if (a === null) {
    return new ReaderPayment(outcome.failure?.code ?? 'KERNEL_NO_AUTHORIZATION', false, '', false, -1);
  }
  const url = new URL('/v1/acquirer/authorizations/tap', serviceUrl);
  if (url.hostname !== '127.0.0.1') throw new Error('the model reaches only 127.0.0.1');
  requests++;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${acquirerKey}`,
      'content-type': 'application/json',
      'idempotency-key': `model-reader-${process.pid}-${requests}-${a.atc()}`,
    },
    body: tapBody(a),
  });
  const body = (await res.json()) as { approved?: boolean; reason?: string; code?: string };
  const reason = body.reason ?? body.code ?? `HTTP_${res.status}`;
  return new ReaderPayment('', body.approved === true, reason, a.cdcvmClaimed(), a.atc());
}
