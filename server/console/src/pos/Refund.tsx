/**
 * Refund (part of) or reverse an approved payment from the POS, with the amount still left: the
 * acquirer's calls, with the acquirer key the page already holds.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { money, t } from '../i18n';
import { errorText } from '../messages';

export interface Refundable {
  id: string;
  /** Minor units. */
  amount: number;
  /** ISO 4217 numeric. */
  currency: string;
  acquirerKey: string;
}

function minor(text: string): number | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  const v = m === null ? undefined : Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return v === undefined || v <= 0 ? undefined : v;
}

export function Refund({ p }: { p: Refundable }) {
  const [left, setLeft] = useState(p.amount);
  const [text, setText] = useState((p.amount / 100).toFixed(2));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const run = async (kind: 'refund' | 'reverse'): Promise<void> => {
    setBusy(true);
    setError('');
    setDone('');
    try {
      const amount = minor(text);
      if (kind === 'refund' && amount === undefined) throw new Error(t('invalid_amount'));
      const r = await api<{ approved: boolean; reason: string }>(
        'POST',
        `/v1/acquirer/authorizations/${p.id}/${kind}`,
        kind === 'refund' ? { amount } : undefined,
        p.acquirerKey,
      );
      if (!r.approved) throw new Error(r.reason);
      const now = kind === 'reverse' ? 0 : left - (amount ?? 0);
      setLeft(now);
      setText((now / 100).toFixed(2));
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
