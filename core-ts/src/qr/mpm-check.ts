/**
 * Validation of a split MPM that never rejects what real codes get wrong harmlessly: per-field length
 * and charset (warnings), and cross-field rules (malformed amounts and fees are errors, the rest warnings).
 */
import { type Mpm, TipIndicator } from './mpm';
import { charCount, type FieldSpec, fitsFormat } from './mpm-fields';
import { QrError, QrWarning } from './qr-error';

/** Checks one field's value against its spec (`id` as reported, e.g. "62.05"; spec null: unknown ID). */
export function checkValue(spec: FieldSpec | null, id: string, value: string, warnings: QrWarning[]): void {
  if (value.length === 0) {
    warnings.push(new QrWarning('QR_EMPTY_VALUE', id, 'empty value'));
    return;
  }
  if (spec === null) {
    return;
  }
  if (spec.reserved) {
    warnings.push(new QrWarning('QR_RESERVED_ID', id, 'ID reserved for future use'));
    return;
  }
  const n = charCount(value);
  if (n < spec.minLen || n > spec.maxLen) {
    warnings.push(
      new QrWarning('QR_VALUE_LENGTH', id, `${spec.name}: ${n} characters, expected ${spec.minLen}-${spec.maxLen}`),
    );
  }
  if (!fitsFormat(value, spec.format)) {
    warnings.push(new QrWarning('QR_VALUE_CHARSET', id, `${spec.name}: characters outside ${spec.format}`));
  }
}

/** Reverse domain ("br.gov.bcb.pix", "SG.PAYNOW") or AID (5-16 bytes of hex). */
const GUID: RegExp = /^([A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$|^([0-9A-Fa-f]{2}){5,16}$/;
// Up to four decimals: ISO 4217 has exponents up to 4 (CLF, UYW); mpmAmountMinor checks the currency's own.
const AMOUNT: RegExp = /^[0-9]{1,10}(\.[0-9]{0,4})?$/;
const PERCENT: RegExp = /^[0-9]{1,2}(\.[0-9]{0,2})?$|^100(\.0{0,2})?$/;

/** Cross-field rules once all fields are parsed. */
export function checkSemantics(mpm: Mpm, warnings: QrWarning[]): void {
  const amount = mpm.amount;
  if (amount !== null && amount !== '' && !AMOUNT.test(amount)) {
    throw new QrError('QR_BAD_AMOUNT', '54', 'amount must be digits with an optional decimal point');
  }
  const poi = mpm.value('01');
  if (poi !== null && poi !== '11' && poi !== '12') {
    warnings.push(new QrWarning('QR_VALUE', '01', 'point of initiation should be 11 or 12'));
  }
  if (poi === '11' && amount !== null) {
    warnings.push(new QrWarning('QR_STATIC_WITH_AMOUNT', '54', 'static code carries an amount'));
  }
  const tip = mpm.tip;
  if (tip === TipIndicator.Fixed) {
    const fee = mpm.value('56');
    if (fee === null || !AMOUNT.test(fee)) {
      throw new QrError('QR_BAD_AMOUNT', '56', 'fixed convenience fee missing or malformed');
    }
  } else if (tip === TipIndicator.Percentage) {
    const pct = mpm.value('57');
    if (pct === null || !PERCENT.test(pct)) {
      throw new QrError('QR_BAD_AMOUNT', '57', 'convenience fee percentage missing or malformed');
    }
  } else if (tip !== null && tip !== TipIndicator.Prompt) {
    warnings.push(new QrWarning('QR_VALUE', '55', 'unknown tip indicator'));
  }
  for (const id of ['52', '53', '58', '59', '60']) {
    if (mpm.value(id) === null) {
      warnings.push(new QrWarning('QR_MISSING_FIELD', id, 'mandatory field missing'));
    }
  }
  if (mpm.merchantAccounts().length === 0) {
    warnings.push(new QrWarning('QR_MISSING_FIELD', '02', 'no merchant account information'));
  }
  const lang = mpm.field('64');
  if (lang !== null && (lang.sub('00') === null || lang.sub('01') === null)) {
    warnings.push(new QrWarning('QR_MISSING_FIELD', '64', 'language template needs 00 and 01'));
  }
  for (const a of mpm.merchantAccounts().concat(mpm.unreserved())) {
    const guid = a.children === null ? null : a.sub('00');
    if (a.children !== null && guid === null) {
      warnings.push(new QrWarning('QR_MISSING_FIELD', `${a.id}.00`, 'template without globally unique identifier'));
    } else if (guid !== null && !GUID.test(guid)) {
      warnings.push(new QrWarning('QR_NOT_GUID', `${a.id}.00`, 'sub-tag 00 is neither a reverse domain nor an AID'));
    }
  }
}
