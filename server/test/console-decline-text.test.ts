/** The console says every authorization reason of the core's closed set in words, in both languages. */
import { AUTHORIZATION_REASONS } from '@arkpay/core/contract';
import { describe, expect, it } from 'vitest';
import { declineSentence } from '../console/src/decline-text';

const FIGURES = { amount: '450.00 CNY', limit: '300.00 CNY', currency: 'RUB' };

describe('decline sentences in the console', () => {
  it('has its own English and Chinese sentence for every reason', () => {
    const fallback = declineSentence('SOMETHING_ELSE', FIGURES);
    const seen = new Map<string, string>();
    for (const reason of AUTHORIZATION_REASONS) {
      const [en, zh] = declineSentence(reason, FIGURES);
      expect(en, reason).toMatch(/^[A-Z0-9].*\.$/);
      expect(zh, reason).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, reason).toMatch(/。$/);
      // Only the issuer's own decline may read like the fallback.
      if (reason !== 'ISSUER_DECLINED') expect(en, reason).not.toBe(fallback[0]);
      // No two reasons read alike.
      expect(seen.get(en), `${reason} reads like ${seen.get(en)}`).toBeUndefined();
      seen.set(en, reason);
    }
  });

  it('names the figures where they explain the decline', () => {
    expect(declineSentence('CVM_REQUIRED', FIGURES)[0]).toBe(
      '450.00 CNY is over the no-CVM limit of 300.00 CNY: the owner must verify on the phone.',
    );
    expect(declineSentence('FX_RATE_MISSING', FIGURES)[0]).toContain('from RUB');
    expect(declineSentence('FX_RATE_STALE', FIGURES)[1]).toContain('RUB');
  });
});
