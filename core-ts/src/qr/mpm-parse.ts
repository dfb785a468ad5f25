/**
 * EMVCo merchant-presented QR parser. Rejects what makes a payload ambiguous or unsafe (bad or
 * misplaced CRC, a length running past the end, payload format not 01, duplicate IDs, malformed
 * amounts or fees); accepts real-world deviations (order, missing "mandatory" fields, reserved IDs,
 * empty values, lowercase CRC) with warnings.
 */
import { crc16Hex } from './crc16';
import { Mpm, MpmField } from './mpm';
import { checkSemantics, checkValue } from './mpm-check';
import { type FieldSpec, fieldSpec, ROOT_FIELDS, templateFields } from './mpm-fields';
import { type RawField, splitFields } from './mpm-split';
import { QrError, QrWarning } from './qr-error';

function parseTemplate(raw: RawField, table: FieldSpec[], warnings: QrWarning[]): MpmField {
  const children: MpmField[] = [];
  for (const c of splitFields(raw.value, `${raw.id}.`)) {
    const path = `${raw.id}.${c.id}`;
    checkValue(fieldSpec(table, c.num), path, c.value, warnings);
    children.push(new MpmField(c.id, c.value, null));
  }
  return new MpmField(raw.id, raw.value, children);
}

/** Parses and validates a merchant-presented payload; throws QrError, reports deviations in `warnings`. */
export function parseMpm(scanned: string): Mpm {
  // Scanners often append a line break; the CRC is last, so trailing whitespace is never payload.
  const payload = scanned.trimEnd();
  const raws = splitFields(payload, '');
  const warnings: QrWarning[] = [];
  if (payload.length !== scanned.length) {
    warnings.push(new QrWarning('QR_TRAILING_WHITESPACE', '', 'whitespace after the CRC ignored'));
  }
  if (raws.length === 0 || raws[0].id !== '00') {
    throw new QrError('QR_FORMAT', '00', 'payload must start with the payload format indicator');
  }
  if (raws[0].value !== '01') {
    throw new QrError('QR_FORMAT', '00', 'payload format indicator must be 01');
  }
  const last = raws[raws.length - 1];
  for (const r of raws) {
    if (r.id === '63' && r !== last) {
      throw new QrError('QR_CRC_NOT_LAST', '63', 'CRC must be the last field');
    }
  }
  if (last.id !== '63') {
    throw new QrError('QR_CRC_MISSING', '63', 'no CRC field');
  }
  if (!/^[0-9A-Fa-f]{4}$/.test(last.value)) {
    throw new QrError('QR_BAD_CRC', '63', 'CRC must be 4 hex digits');
  }
  const expected = crc16Hex(payload.substring(0, last.start + 4));
  if (last.value.toUpperCase() !== expected) {
    throw new QrError('QR_BAD_CRC', '63', 'CRC does not match the payload');
  }
  if (last.value !== expected) {
    warnings.push(new QrWarning('QR_CRC_LOWERCASE', '63', 'CRC written in lower case'));
  }
  const fields: MpmField[] = [];
  let prev = -1;
  for (const r of raws) {
    if (r.num < prev && r.id !== '63') {
      warnings.push(new QrWarning('QR_OUT_OF_ORDER', r.id, 'IDs not in ascending order'));
    }
    prev = r.id === '63' ? prev : r.num;
    const table = templateFields(r.num);
    const spec = fieldSpec(ROOT_FIELDS, r.num);
    if (table !== null && r.value.length > 0) {
      fields.push(parseTemplate(r, table, warnings));
    } else {
      checkValue(spec, r.id, r.value, warnings);
      fields.push(new MpmField(r.id, r.value, null));
    }
  }
  const mpm = new Mpm(fields, warnings);
  checkSemantics(mpm, warnings);
  return mpm;
}
