/**
 * Card programs: scheme, card profile, BIN range, limits (in the billing currency), FX terms, ID&V
 * policy, decision mode; a form to create one, checked here first (each message says what to fix) and
 * then by the service.
 */
import { decimalAmount, findCurrency, parseMinorUnits } from '@arkpay/core/money';
import { useState } from 'preact/hooks';
import { money, t } from '../i18n';
import type { Program } from './types';
import type { IssuerData } from './useIssuer';

const SCHEMES: [string, string, string][] = [
  ['visa', 'A0000000031010', 'visa-cvn18'],
  ['mastercard', 'A0000000041010', 'full'],
  ['unionpay', 'A000000333010101', 'full'],
];
const PROFILES = ['visa-cvn18', 'visa-cvn22', 'full'];

export function Programs({ d }: { d: IssuerData }) {
  const [editing, setEditing] = useState<Program | null>(null);
  const [saved, setSaved] = useState('');
  return (
    <>
      <div class="scroll">
        <table data-testid="programs">
          <thead>
            <tr>
              <th>{t('col_name')}</th>
              <th>{t('col_scheme')}</th>
              <th>{t('col_profile')}</th>
              <th>BIN</th>
              <th>{t('col_token_bin')}</th>
              <th>{t('col_limits')}</th>
              <th>ID&amp;V</th>
              <th>{t('program_decision')}</th>
              <th>{t('col_kcv')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {d.programs.map((p) => (
              <ProgramRow
                key={p.id}
                p={p}
                onEdit={() => {
                  setEditing(p);
                  setSaved('');
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {saved === '' ? null : (
        <p class="ok" role="status" data-testid="program-saved">
          {saved}
        </p>
      )}
      <ProgramForm
        key={editing?.id ?? 'new'}
        d={d}
        editing={editing}
        onDone={(message) => {
          setEditing(null);
          setSaved(message);
        }}
      />
    </>
  );
}

function ProgramRow({ p, onEdit }: { p: Program; onEdit: () => void }) {
  const m = (n: number): string => money(n, p.limits.currency);
  return (
    <tr>
      <td>{p.name}</td>
      <td>{p.scheme}</td>
      <td>
        {p.profile} <span class="mono muted">{p.aid}</span>
      </td>
      <td class="mono nowrap">
        {p.binRange.low}–{p.binRange.high}
      </td>
      <td class="mono">{p.tokenBin}</td>
      <td data-testid="program-limits">
        {t('limits_text', {
          single: m(p.limits.perTransaction),
          nocvm: m(p.limits.noCvmLimit),
          daily: m(p.limits.daily),
          velocity: p.limits.velocityPerHour,
        })}
        <div class="muted" data-testid="program-fx">
          {t('program_fx_text', { markup: (p.fx.markupBps / 100).toFixed(2), hours: p.fx.maxRateAgeHours })}
        </div>
      </td>
      <td class="nowrap">
        ≤{p.idvPolicy.greenMaxRisk} / ≤{p.idvPolicy.yellowMaxRisk}
      </td>
      <td>{p.decision.mode === 'webhook' ? t('program_decision_webhook') : t('program_decision_rules')}</td>
      <td class="mono">{p.masterKeyCheckValue}</td>
      <td>
        <button type="button" class="secondary" onClick={onEdit}>
          {t('edit')}
        </button>
      </td>
    </tr>
  );
}

/** "12.50" CNY → 1250 by the currency's exponent (zero allowed: limits), or undefined when it is not. */
function minor(text: string, currency: string): number | undefined {
  const c = findCurrency(currency);
  if (c === undefined) return undefined;
  try {
    return parseMinorUnits(text, c);
  } catch {
    return undefined;
  }
}

interface Form {
  name: string;
  scheme: string;
  profile: string;
  low: string;
  high: string;
  tokenBin: string;
  currency: string;
  single: string;
  nocvm: string;
  daily: string;
  velocity: string;
  markup: string;
  rateAge: string;
  green: string;
  yellow: string;
  mode: string;
  url: string;
}

const EMPTY: Form = {
  name: '',
  scheme: 'visa',
  profile: 'visa-cvn18',
  low: '',
  high: '',
  tokenBin: '',
  currency: '156',
  single: '5000.00',
  nocvm: '300.00',
  daily: '20000.00',
  velocity: '30',
  markup: '0',
  rateAge: '96',
  green: '30',
  yellow: '70',
  mode: 'rules',
  url: '',
};

/** What is wrong with the form, field by field (empty when it may be sent). */
function problems(f: Form): Map<keyof Form, string> {
  const out = new Map<keyof Form, string>();
  if (f.name.trim() === '') out.set('name', t('invalid_name'));
  if (!/^\d{6,12}$/.test(f.low) || !/^\d{6,12}$/.test(f.high) || f.low.length !== f.high.length || f.low > f.high)
    out.set('low', t('invalid_bin'));
  if (!/^\d{6,8}$/.test(f.tokenBin)) out.set('tokenBin', t('invalid_bin'));
  for (const k of ['single', 'nocvm', 'daily'] as const)
    if (minor(f[k], f.currency) === undefined) out.set(k, t('invalid_amount'));
  if (!/^\d{1,5}$/.test(f.markup) || Number(f.markup) > 10000) out.set('markup', t('invalid_markup'));
  if (!/^\d{1,4}$/.test(f.rateAge) || Number(f.rateAge) < 1 || Number(f.rateAge) > 8760)
    out.set('rateAge', t('invalid_rate_age'));
  const g = Number(f.green);
  const y = Number(f.yellow);
  if (!Number.isInteger(g) || !Number.isInteger(y) || g < 0 || y > 100 || g > y) out.set('green', t('invalid_risk'));
  if (f.mode === 'webhook' && !/^https:\/\/\S+$/.test(f.url)) out.set('url', t('invalid_url'));
  return out;
}

/** Minor units as the form's decimal text in the program's currency ("300.00" CNY, "300" JPY). */
function decimal(minorUnits: number, currency: string): string {
  const c = findCurrency(currency);
  return c === undefined ? String(minorUnits) : decimalAmount(minorUnits, c);
}

/** The form filled from a program, to edit it. */
function formOf(p: Program): Form {
  return {
    name: p.name,
    scheme: p.scheme,
    profile: p.profile,
    low: p.binRange.low,
    high: p.binRange.high,
    tokenBin: p.tokenBin,
    currency: p.limits.currency,
    single: decimal(p.limits.perTransaction, p.limits.currency),
    nocvm: decimal(p.limits.noCvmLimit, p.limits.currency),
    daily: decimal(p.limits.daily, p.limits.currency),
    velocity: String(p.limits.velocityPerHour),
    markup: String(p.fx.markupBps),
    rateAge: String(p.fx.maxRateAgeHours),
    green: String(p.idvPolicy.greenMaxRisk),
    yellow: String(p.idvPolicy.yellowMaxRisk),
    mode: p.decision.mode,
    url: p.decision.url ?? '',
  };
}

function ProgramForm({
  d,
  editing,
  onDone,
}: {
  d: IssuerData;
  editing: Program | null;
  onDone: (message: string) => void;
}) {
  const [f, setF] = useState<Form>(editing === null ? EMPTY : formOf(editing));
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState('');
  const bad = problems(f);
  const set =
    (k: keyof Form) =>
    (e: { currentTarget: { value: string } }): void => {
      setF({ ...f, [k]: e.currentTarget.value });
      setDone('');
    };
  const field = (k: keyof Form, label: Parameters<typeof t>[0], extra: Record<string, string> = {}, fixed = false) => (
    <div>
      <label for={`p-${k}`}>{t(label)}</label>
      <input
        id={`p-${k}`}
        value={f[k]}
        disabled={fixed}
        onInput={set(k)}
        aria-invalid={tried && bad.has(k)}
        aria-describedby={tried && bad.has(k) ? `p-${k}-err` : undefined}
        {...extra}
      />
      {tried && bad.has(k) ? (
        <p class="error" id={`p-${k}-err`} data-testid="field-error">
          {bad.get(k)}
        </p>
      ) : null}
    </div>
  );
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setTried(true);
    if (bad.size > 0) return;
    const scheme = SCHEMES.find(([s]) => s === f.scheme) ?? SCHEMES[0];
    const editable = {
      name: f.name.trim(),
      idvPolicy: {
        greenMaxRisk: Number(f.green),
        yellowMaxRisk: Number(f.yellow),
        otpTtlSeconds: editing?.idvPolicy.otpTtlSeconds ?? 600,
      },
      limits: {
        currency: f.currency,
        perTransaction: minor(f.single, f.currency),
        noCvmLimit: minor(f.nocvm, f.currency),
        daily: minor(f.daily, f.currency),
        velocityPerHour: Number(f.velocity),
      },
      fx: { markupBps: Number(f.markup), maxRateAgeHours: Number(f.rateAge) },
      decision: f.mode === 'webhook' ? { mode: 'webhook', url: f.url } : { mode: 'rules' },
    };
    const answer =
      editing === null
        ? await d.act('POST', '/v1/issuer/programs', {
            ...editable,
            scheme: f.scheme,
            aid: scheme?.[1],
            profile: f.profile,
            binRange: { low: f.low, high: f.high },
            tokenBin: f.tokenBin,
          })
        : await d.act('PUT', `/v1/issuer/programs/${editing.id}`, {
            ...editable,
            cardArt: editing.cardArt,
            domains: editing.domains,
          });
    if (answer === undefined) return;
    if (editing !== null) {
      onDone(t('program_saved', { name: f.name.trim() }));
      return;
    }
    setDone(t('program_created', { name: f.name.trim() }));
    setF(EMPTY);
    setTried(false);
  };
  return (
    <form class="program-form" onSubmit={submit} noValidate data-testid="program-form">
      <h3>{editing === null ? t('program_create') : t('program_edit', { name: editing.name })}</h3>
      <div class="form-grid">
        {field('name', 'program_name')}
        <div>
          <label for="p-scheme">{t('col_scheme')}</label>
          <select
            id="p-scheme"
            disabled={editing !== null}
            value={f.scheme}
            onChange={(e) => {
              const s = SCHEMES.find(([x]) => x === e.currentTarget.value);
              setF({ ...f, scheme: e.currentTarget.value, profile: s?.[2] ?? f.profile });
            }}
          >
            {SCHEMES.map(([s]) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="p-profile">{t('col_profile')}</label>
          <select id="p-profile" disabled={editing !== null} value={f.profile} onChange={set('profile')}>
            {PROFILES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        {field('low', 'program_bin_low', { inputMode: 'numeric' }, editing !== null)}
        {field('high', 'program_bin_high', { inputMode: 'numeric' }, editing !== null)}
        {field('tokenBin', 'col_token_bin', { inputMode: 'numeric' }, editing !== null)}
        <div>
          <label for="p-currency">{t('program_currency_billing')}</label>
          <select id="p-currency" value={f.currency} onChange={set('currency')}>
            <option value="156">CNY</option>
            <option value="344">HKD</option>
            <option value="702">SGD</option>
            <option value="840">USD</option>
            <option value="978">EUR</option>
          </select>
        </div>
        {field('single', 'program_single', { inputMode: 'decimal' })}
        {field('nocvm', 'program_nocvm', { inputMode: 'decimal' })}
        {field('daily', 'program_daily', { inputMode: 'decimal' })}
        {field('velocity', 'program_velocity', { inputMode: 'numeric' })}
        {field('markup', 'program_fx_markup', { inputMode: 'numeric' })}
        {field('rateAge', 'program_fx_age', { inputMode: 'numeric' })}
        {field('green', 'program_green', { inputMode: 'numeric' })}
        {field('yellow', 'program_yellow', { inputMode: 'numeric' })}
        <div>
          <label for="p-mode">{t('program_decision')}</label>
          <select id="p-mode" value={f.mode} onChange={set('mode')}>
            <option value="rules">{t('program_decision_rules')}</option>
            <option value="webhook">{t('program_decision_webhook')}</option>
          </select>
        </div>
        {f.mode === 'webhook' ? field('url', 'program_decision_url') : null}
      </div>
      <button type="submit">{editing === null ? t('program_save') : t('program_update')}</button>
      {editing === null ? null : (
        <>
          {' '}
          <button type="button" class="secondary" onClick={() => onDone('')}>
            {t('cancel')}
          </button>
        </>
      )}
      {done === '' ? null : (
        <p class="ok" role="status" data-testid="program-created">
          {done}
        </p>
      )}
    </form>
  );
}
