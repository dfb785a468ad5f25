/**
 * Reads a consumer-presented QR (EMVCo CPM) pasted or typed by a keyboard-wedge scanner, with the core's
 * parser, and pays it: POST /v1/acquirer/authorizations/cpm with the sale's amount and the acquirer key.
 * The service checks the cryptogram and claims the code's ATC, so the same code pays once.
 */
import { base64Decode, type Cpm, decodeTlv, foreignCode, parseCpm, type Tlv, toHex } from '@arkpay/core';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { declineText, errorText } from '../messages';
import { Receipt } from './Receipt';
import { Refund } from './Refund';
import { TlvList } from './TlvList';
import type { TapResult } from './types';

export interface CpmSale {
  /** Minor units, or a message saying what is wrong with the amount. */
  amount: number | string;
  /** Display form of the amount, e.g. "12.50". */
  amountText: string;
  currency: string;
  currencyAlpha: string;
  merchant: string;
  acquirerKey: string;
}

interface AuthorizationAnswer {
  id: string;
  approved: boolean;
  reason: string;
  arc: string | null;
  arpc: string | null;
}

export interface Paid {
  answer: AuthorizationAnswer;
  receipt: NonNullable<TapResult['receipt']>;
  /** The sale as it was paid (minor units, ISO 4217 numeric). */
  amount: number;
  currency: string;
}

/** An EMVCo merchant-presented QR starts with its payload format indicator "000201". */
const isMerchantQr = (text: string): boolean => /^000201/.test(text.trim());

export function ConsumerQr({ sale, onPaid }: { sale: CpmSale; onPaid: (p: Paid | null) => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [payError, setPayError] = useState('');
  const setPaid = onPaid;
  let cpm: Cpm | null = null;
  let tree: Tlv[] = [];
  let error = '';
  const foreign = foreignCode(text);
  if (foreign !== null) {
    error = t('qr_foreign', { name: foreign.name, reason: foreign.reason });
  } else if (isMerchantQr(text)) {
    error = t('qr_is_merchant');
  } else if (text.trim() !== '') {
    try {
      cpm = parseCpm(text);
      tree = decodeTlv(base64Decode(text.trim()));
    } catch (e) {
      const c = (e as { code?: string }).code;
      error = c === undefined ? errorText(e) : `${c}: ${errorText(e)}`;
    }
  }

  const pay = async (code: Cpm): Promise<void> => {
    setBusy(true);
    setPaid(null);
    setPayError('');
    try {
      if (typeof sale.amount === 'string') throw new Error(sale.amount);
      const answer = await api<AuthorizationAnswer>(
        'POST',
        '/v1/acquirer/authorizations/cpm',
        {
          payload: text.trim(),
          amount: sale.amount,
          currency: sale.currency,
          merchant: { id: 'POS', name: sale.merchant },
        },
        sale.acquirerKey,
      );
      setPaid({
        amount: sale.amount,
        currency: sale.currency,
        answer,
        receipt: {
          merchant: sale.merchant,
          amount: sale.amountText,
          currency: sale.currencyAlpha,
          pan: code.pan.slice(-4),
          atc: code.transaction === null ? '-' : String(code.transaction.atc),
          cryptogram: code.transaction === null ? '-' : toHex(code.transaction.cryptogram),
          approvalCode: answer.approved ? answer.id.slice(-6).toUpperCase() : '-',
          time: new Date().toISOString(),
        },
      });
    } catch (e) {
      setPayError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="card">
      <h2>{t('pos_cpm_title')}</h2>
      <label for="cpm">{t('pos_cpm_label')}</label>
      <textarea
        id="cpm"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setPaid(null);
          setPayError('');
        }}
        placeholder="hQVDUFYwMWF…"
      />
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
            token <code>{cpm.pan}</code> ·{' '}
            {cpm.transaction === null ? (
              'no cryptogram: not payable as a cryptogram payment'
            ) : (
              <>
                ATC {cpm.transaction.atc} · cryptogram <code>{toHex(cpm.transaction.cryptogram)}</code>
              </>
            )}
          </p>
          <TlvList list={tree} />
        </div>
      )}
      {cpm === null ? null : (
        <button
          type="button"
          onClick={() => (cpm === null ? undefined : pay(cpm))}
          disabled={busy || sale.acquirerKey === ''}
        >
          {busy ? t('pos_authorizing') : t('pos_pay', { amount: `${sale.amountText} ${sale.currencyAlpha}` })}
        </button>
      )}
      {payError === '' ? null : (
        <p class="error" data-testid="cpm-pay-error">
          {payError}
        </p>
      )}
    </div>
  );
}

/** The paid consumer QR, laid out like a tap's result: outcome, codes, receipt, refund. */
export function CpmOutcome({ paid, sale }: { paid: Paid; sale: CpmSale }) {
  const a = paid.answer;
  return (
    <div class="card" data-testid="cpm-paid">
      <h2>
        {t('authorization_id')}{' '}
        <span class={`badge ${a.approved ? 'approved' : 'declined'}`} data-testid="cpm-result">
          {a.approved ? t('approved') : t('declined')}
        </span>
      </h2>
      {a.approved ? null : (
        <p data-testid="cpm-words">
          {declineText(a.reason, { amount: paid.amount, currency: paid.currency, noCvmLimit: undefined })}
        </p>
      )}
      <p class="muted" data-testid="cpm-reason">
        {a.reason} · ARC {a.arc ?? '-'} · ARPC {a.arpc ?? '-'}
      </p>
      <dl class="kv">
        <dt>{t('authorization_id')}</dt>
        <dd class="mono">{a.id}</dd>
      </dl>
      {a.approved ? <Receipt r={paid.receipt} /> : null}
      {a.approved ? (
        <Refund p={{ id: a.id, amount: paid.amount, currency: paid.currency, acquirerKey: sale.acquirerKey }} />
      ) : null}
    </div>
  );
}
