/**
 * `arkpay tap --profile full`: the token service's programs are fast path (Visa CVN 18/22), so the full
 * path (READ RECORD, GENERATE AC) runs against the local Mastercard-style demo card, and the issuer side
 * is the calculator: the ARQC is verified with the test issuer master key instead of an authorization.
 */
import { fromHex, toHex, verifyAc } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import type { TapReport } from '@arkpay/server';
import { demoWallet, TEST_IMK } from './demo-wallet';
import { scheme } from './schemes';

export async function offlineFullTap(amount: number, currency: number, ownerVerified: boolean): Promise<TapReport> {
  const { posKernel } = await import('@arkpay/server');
  const mc = scheme('mastercard');
  const imk = fromHex(TEST_IMK);
  const applet = demoWallet({ scheme: mc, imk, pan: mc.pan, keys: 1, noCvmLimit: 30000 });
  if (ownerVerified) applet.verification.arm();
  const kernel = posKernel(currency);
  const outcome = kernel.run({ transceive: (c) => applet.process(c) }, kernel.transaction(amount));
  const transcript = outcome.transcript.entries.map((e) => ({
    step: e.step,
    command: toHex(e.command),
    response: toHex(e.response),
  }));
  const a = outcome.authorization;
  if (a === null) {
    const f = outcome.failure;
    return {
      result: 'error',
      reason: f?.code ?? 'KERNEL_FAILED',
      message: f?.message ?? '',
      transcript,
      authorization: null,
      receipt: null,
    };
  }
  const ok = verifyAc(new NodeCrypto(), imk, a.token, a.psn, a.cvn, a.acData(), a.cryptogram());
  return {
    result: ok ? 'approved' : 'declined',
    reason: ok ? 'ARQC_VERIFIED_OFFLINE' : 'ARQC_MISMATCH',
    message: 'full path against the local Mastercard-style demo card; ARQC checked with the test IMK, no authorization',
    transcript,
    authorization: null,
    receipt: null,
  };
}
