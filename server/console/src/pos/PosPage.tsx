/**
 * POS simulator: amount and currency, where the wallet is (simulated in the service, or the app in the
 * DevEco emulator paired through the relay), tap → transcript, authorization result, receipt. Also a
 * dynamic merchant QR for the amount and a consumer QR reader that pays the scanned code for the amount.
 */
import { allCurrencies, decimalAmount, findCurrency } from '@arkpay/core/money';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { DemoRatesNotice } from '../DemoRatesNotice';
import { t, typedAmount } from '../i18n';
import { declineText, errorText } from '../messages';
import { ConsumerQr, CpmOutcome, type CpmSale, type Paid } from './ConsumerQr';
import { MerchantQr, merchantPayload } from './MerchantQr';
import { Receipt } from './Receipt';
import { Refund } from './Refund';
import { RelayPanel, type RelaySession } from './RelayPanel';
import { Transcript } from './Transcript';
import type { TapResult } from './types';

/** Every ISO 4217 currency for the currency field's suggestions: any of them can be typed. */
const CURRENCIES = allCurrencies();
const MERCHANT = { name: 'ArkPay Demo Store', city: 'Shenzhen', mcc: '5411', country: 'CN' };
const KEY = 'arkpay.acquirerKey';
const WALLET = 'arkpay.posWallet';

function storedWallet(): unknown {
  const w = sessionStorage.getItem(WALLET);
  return w === null ? undefined : (JSON.parse(w) as unknown);
}

/** The in-page wallet's card no-CVM limit (minor units), which explains a CVM_REQUIRED decline. */
function walletNoCvmLimit(): number | undefined {
  const w = storedWallet() as { cards?: { provisioned?: { card?: { noCvmLimit?: unknown } } }[] } | undefined;
  const v = w?.cards?.[0]?.provisioned?.card?.noCvmLimit;
  return typeof v === 'number' ? v : undefined;
}

export function PosPage() {
  const [amount, setAmount] = useState('12.50');
  const [currencyText, setCurrencyText] = useState('CNY');
  // Typed as a code or a number ("KWD", "414"); the amount is read by that currency's exponent.
  const cur = findCurrency(currencyText);
  const currency = cur?.numeric ?? '';
  const minor = typedAmount(amount, cur);
  const [where, setWhere] = useState<'simulated' | 'relay'>('simulated');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [result, setResult] = useState<TapResult | null>(null);
  const [acquirerKey, setAcquirerKey] = useState(sessionStorage.getItem(KEY) ?? '');
  const [relay, setRelay] = useState<RelaySession | null>(null);
  const [showQr, setShowQr] = useState(false);
  const [ownerVerified, setOwnerVerified] = useState(true);
  const [paid, setPaid] = useState<Paid | null>(null);

  const tap = async (): Promise<void> => {
    if (typeof minor === 'string') {
      setError(minor);
      return;
    }
    setBusy(true);
    setError('');
    setResult(null);
    setPaid(null);
    try {
      sessionStorage.setItem(KEY, acquirerKey);
      const body = { amount, currency, merchant: MERCHANT.name, ownerVerified };
      const r =
        where === 'relay' && relay !== null
          ? await relay.tap(amount, currency, MERCHANT.name)
          : await api<TapResult>('POST', '/v1/acquirer/pos/tap', { ...body, wallet: storedWallet() }, acquirerKey);
      setResult(r);
      // The in-page wallet is this page's: its device key, token and unspent keys live in sessionStorage.
      if (r.wallet !== undefined) sessionStorage.setItem(WALLET, JSON.stringify(r.wallet));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  let mpm = '';
  let mpmError = '';
  try {
    if (typeof minor === 'string') throw new Error(minor);
    mpm = merchantPayload(MERCHANT, minor, currency);
  } catch (e) {
    mpmError = errorText(e);
  }

  const sale: CpmSale = {
    amount: minor,
    amountText: cur !== undefined && typeof minor === 'number' ? decimalAmount(minor, cur) : amount.trim(),
    currency,
    currencyAlpha: cur?.alpha ?? currencyText,
    merchant: MERCHANT.name,
    acquirerKey,
  };

  return (
    <div class="grid">
      <div>
        <DemoRatesNotice who="acquirer" apiKey={acquirerKey} />
        <div class="card">
          <h2>{t('pos_sale')}</h2>
          <div class="row">
            <div>
              <label for="amount">{t('pos_amount')}</label>
              <input id="amount" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" />
            </div>
            <div>
              <label for="currency">{t('pos_currency')}</label>
              <input
                id="currency"
                list="currencies"
                value={currencyText}
                onInput={(e) => setCurrencyText(e.currentTarget.value.trim())}
                autoComplete="off"
                size={5}
              />
              <datalist id="currencies">
                {CURRENCIES.map((c) => (
                  <option key={c.alpha} value={c.alpha}>
                    {`${c.numeric} · ${c.exponent} ${c.exponent === 1 ? 'decimal' : 'decimals'}`}
                  </option>
                ))}
              </datalist>
            </div>
          </div>
          <label for="where">{t('pos_wallet')}</label>
          <select id="where" value={where} onChange={(e) => setWhere(e.currentTarget.value as 'simulated' | 'relay')}>
            <option value="simulated">{t('pos_wallet_simulated')}</option>
            <option value="relay">{t('pos_wallet_relay')}</option>
          </select>
          <label for="acquirer">{t('pos_acquirer_key')}</label>
          <input
            id="acquirer"
            type="password"
            value={acquirerKey}
            placeholder={t('pos_acquirer_hint')}
            onInput={(e) => setAcquirerKey(e.currentTarget.value.trim())}
            autoComplete="off"
          />
          {where === 'relay' ? <RelayPanel onSession={setRelay} acquirerKey={acquirerKey} /> : null}
          {where === 'simulated' ? (
            <label class="check" for="owner-verified">
              <input
                id="owner-verified"
                type="checkbox"
                checked={ownerVerified}
                onChange={(e) => setOwnerVerified(e.currentTarget.checked)}
              />
              {t('owner_verified')}
            </label>
          ) : null}
          <div class="row">
            <button
              type="button"
              onClick={tap}
              disabled={busy || acquirerKey === '' || (where === 'relay' && relay === null)}
            >
              {busy ? t('pos_tapping') : t('pos_tap')}
            </button>
            <button type="button" class="secondary" onClick={() => setShowQr(!showQr)}>
              {showQr ? t('pos_hide_qr') : t('pos_merchant_qr')}
            </button>
          </div>
          {error === '' ? null : (
            <p class="error" data-testid="tap-error">
              {error}
            </p>
          )}
        </div>
        {showQr ? (
          <div class="card">
            <h2>{t('pos_mpm_title')}</h2>
            {mpmError === '' ? <MerchantQr payload={mpm} /> : <p class="error">{mpmError}</p>}
          </div>
        ) : null}
        <ConsumerQr
          sale={sale}
          onPaid={(p) => {
            setPaid(p);
            if (p !== null) setResult(null);
          }}
        />
      </div>
      <div class="results">
        {paid !== null ? <CpmOutcome paid={paid} sale={sale} /> : null}
        {paid !== null ? null : result === null ? (
          <div class="card muted">{t('pos_idle')}</div>
        ) : (
          <>
            <div class="card">
              <h2>
                {t('authorization_id')}{' '}
                <span class={`badge ${result.result}`} data-testid="tap-result">
                  {t(
                    result.result === 'approved' ? 'approved' : result.result === 'declined' ? 'declined' : 'pos_error',
                  )}
                </span>
              </h2>
              {result.result === 'approved' ? null : (
                <p data-testid="tap-reason">
                  {`${declineText(result.reason, { amount: typeof sale.amount === 'number' ? sale.amount : 0, currency, noCvmLimit: walletNoCvmLimit() })} (${result.reason})`}
                  {result.message === '' ? '' : ` — ${result.message}`}
                </p>
              )}
              {result.authorization === null ? null : (
                <dl class="kv" data-testid="tap-authorization">
                  <dt>{t('authorization_id')}</dt>
                  <dd class="mono">{result.authorization.id}</dd>
                  <dt>{t('arc')}</dt>
                  <dd class="mono">{result.authorization.arc ?? '–'}</dd>
                  <dt>{t('arpc')}</dt>
                  <dd class="mono">{result.authorization.arpc ?? '–'}</dd>
                </dl>
              )}
              {result.receipt === null ? null : <Receipt r={result.receipt} />}
              {result.authorization?.approved === true && typeof sale.amount === 'number' ? (
                <Refund p={{ id: result.authorization.id, amount: sale.amount, currency, acquirerKey }} />
              ) : null}
            </div>
            <div class="card">
              <h2>{t('pos_transcript')}</h2>
              <Transcript exchanges={result.transcript} />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
