/**
 * Refund (part of) or reverse an approved payment from the POS, with the amount still left: the
 * acquirer's calls, with the acquirer key the page already holds.
 */

import { currencyOf, decimalAmount } from '@arkpay/core/money';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { money, t, typedAmount } from '../i18n';
import { errorText } from '../messages';

export interface Refundable {
  id: string;
  /** Minor units. */
  amount: number;
  /** ISO 4217 numeric. */
  currency: string;
  acquirerKey: string;
}

export function Refund({ p }: { p: Refundable }) {
  // The sale's currency came from the page's own check, so it is in the table.
  const cur = currencyOf(p.currency);
  const [left, setLeft] = useState(p.amount);
  const [text, setText] = useState(decimalAmount(p.amount, cur));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const run = async (kind: 'refund' | 'reverse'): Promise<void> => {
    setBusy(true);
    setError('');
    setDone('');
    try {
      const typed = typedAmount(text, cur);
      const amount = typeof typed === 'number' ? typed : undefined;
      if (kind === 'refund' && amount === undefined) throw new Error(`${t('invalid_amount')} ${typed}`);
      const r = await api<{ approved: boolean; reason: string }>(
        'POST',
        `/v1/acquirer/authorizations/${p.id}/${kind}`,
        kind === 'refund' ? { amount } : undefined,
        p.acquirerKey,
      );
      if (!r.approved) throw new Error(r.reason);
      const now = kind === 'reverse' ? 0 : left - (amount ?? 0);
      setLeft(now);
      setText(decimalAmount(now, cur));
      setDone(kind === 'reverse' ? t('reversed') : t('refunded', { amount: money(amount ?? 0, p.currency) }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="refund" data-testid="refund">
      <label for={`refund-${p.id}`}>{t('refund_amount')}</label>
      <div class="row">
        <input
          id={`refund-${p.id}`}
          value={text}
          inputMode="decimal"
          onInput={(e) => setText(e.currentTarget.value)}
          disabled={left === 0}
        />
        <button type="button" class="secondary" disabled={busy || left === 0} onClick={() => void run('refund')}>
          {t('refund')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy || left !== p.amount}
          onClick={() => void run('reverse')}
        >
          {t('reverse')}
        </button>
      </div>
      <p class="muted" data-testid="refund-left">
        {t('refund_left', { amount: money(left, p.currency) })}
      </p>
      {done === '' ? null : (
        <p class="ok" role="status" data-testid="refund-done">
          {done}
        </p>
      )}
      {error === '' ? null : (
        <p class="error" role="alert" data-testid="refund-error">
          {error}
        </p>
      )}
    </div>
  );
}
