// The card's IAD decoded with the schemes' own layouts, as an independent terminal tool decodes them:
// the bit tables below are written from openemv/emv-utils (src/emv_fields.h, src/emv_strings.c:
// VSDC IAD formats 0/1/3 and 2/4 after VCPS Supplemental Requirements Appendix M, M/Chip IAD after
// M/Chip Requirements Appendix B) and its format detection (src/emv_fields.c, emv_iad_get_format).
// The CDCVM flag must land on bits to which those layouts give no meaning other than ours.
import { decodeTlv, findTlv, fromHex, parseResponseApdu, toHex } from '@arkpay/core';
import { describe, expect, it } from 'vitest';
import { cardConfig, Wallet } from './card-fixture';

/** One field of a layout: IAD byte index, bit mask, meaning. */
type Field = [number, number, string];

const VISA_CVR_BYTE3: (i: number) => Field[] = (i) => [
  [i, 0x80, 'Last online transaction not completed'],
  [i, 0x40, 'PIN Try Limit exceeded'],
  [i, 0x20, 'Exceeded velocity checking counters'],
  [i, 0x10, 'New card'],
  [i, 0x08, 'Issuer Authentication failure on last online transaction'],
  [i, 0x04, 'Issuer Authentication not performed after online authorization'],
  [i, 0x02, 'Application blocked because PIN Try Limit exceeded'],
  [i, 0x01, 'Offline SDA failed on last transaction'],
];
const VISA_CVR_BYTE4: (i: number) => Field[] = (i) => [
  [i, 0xf0, 'Number of issuer script commands'],
  [i, 0x08, 'Issuer Script processing failed'],
  [i, 0x04, 'Offline DDA failed on last transaction'],
  [i, 0x02, 'Offline DDA performed'],
  [i, 0x01, 'PIN verification command not received for a PIN-expecting card'],
];
const range = (from: number, to: number, name: string): Field[] => {
  const out: Field[] = [];
  for (let i = from; i < to; i++) out.push([i, 0xff, name]);
  return out;
};

const VSDC_0_1_3: Field[] = [
  [0, 0xff, 'Length'],
  [1, 0xff, 'Derivation Key Index'],
  [2, 0xff, 'Cryptogram Version Number'],
  [3, 0xff, 'CVR length'],
  [4, 0xc0, 'Second GENERATE AC type'],
  [4, 0x30, 'First GENERATE AC type'],
  [4, 0x08, 'Issuer Authentication performed and failed'],
  [4, 0x04, 'Offline PIN verification performed'],
  [4, 0x02, 'Offline PIN verification failed'],
  [4, 0x01, 'Unable to go online'],
  ...VISA_CVR_BYTE3(5),
  ...VISA_CVR_BYTE4(6),
  ...range(7, 32, 'Issuer Discretionary Data'),
];

const VSDC_2_4: Field[] = [
  [0, 0xff, 'Length'],
  [1, 0xff, 'Cryptogram Version Number'],
  [2, 0xff, 'Derivation Key Index'],
  [3, 0xf0, 'CVM Verifying Entity'],
  [3, 0x0f, 'CVM Verified Type'],
  [4, 0xc0, 'Second GENERATE AC type'],
  [4, 0x30, 'GPO type'],
  [4, 0x08, 'Issuer Authentication performed and failed'],
  [4, 0x04, 'CDCVM successfully performed'],
  [4, 0x02, 'RFU'],
  [4, 0x01, 'Unable to go online'],
  ...VISA_CVR_BYTE3(5),
  ...VISA_CVR_BYTE4(6),
  [7, 0x80, 'Consumer Device is not in debug mode'],
  [7, 0x40, 'Consumer Device is not a rooted device'],
  [7, 0x20, 'Mobile Application is not hooked'],
  [7, 0x10, 'Mobile Application integrity is intact'],
  [7, 0x08, 'Consumer Device has data connectivity'],
  [7, 0x04, 'Consumer Device is genuine'],
  [7, 0x02, 'CDCVM successfully performed'],
  [7, 0x01, 'Secure Messaging uses EMV session key-based derivation'],
  [8, 0x0f, 'Issuer Discretionary Data Option ID'],
  ...range(9, 32, 'Issuer Discretionary Data'),
];

const MCHIP: Field[] = [
  [0, 0xff, 'Derivation Key Index'],
  [1, 0xff, 'Cryptogram Version Number'],
  [2, 0xc0, 'Second GENERATE AC type'],
  [2, 0x30, 'First GENERATE AC type'],
  [2, 0x08, 'Date Check Failed'],
  [2, 0x04, 'Offline PIN Verification Performed'],
  [2, 0x02, 'Offline Encrypted PIN Verification Performed'],
  [2, 0x01, 'Offline PIN Verification Successful'],
  [3, 0x80, 'DDA Returned'],
  [3, 0x40, 'CDA Returned in First GENERATE AC'],
  [3, 0x20, 'CDA Returned in Second GENERATE AC'],
  [3, 0x10, 'Issuer Authentication Performed'],
  [3, 0x08, 'CIAC Default Skipped on CAT3'],
  [3, 0x04, 'Offline Change PIN Result Successful'],
  [3, 0x03, 'Issuer Discretionary'],
  [4, 0xf0, 'Script Counter'],
  [4, 0x0f, 'PIN Try Counter'],
  [5, 0x80, 'Last Online Transaction Not Completed'],
  [5, 0x40, 'Unable To Go Online'],
  [5, 0x20, 'Offline PIN Verification Not Performed'],
  [5, 0x10, 'Offline PIN Verification Failed'],
  [5, 0x08, 'PTL Exceeded'],
  [5, 0x04, 'International Transaction'],
  [5, 0x02, 'Domestic Transaction'],
  [5, 0x01, 'Terminal Erroneously Considers Offline PIN OK'],
  [6, 0x80, 'Lower Consecutive Offline Limit Exceeded'],
  [6, 0x40, 'Upper Consecutive Offline Limit Exceeded'],
  [6, 0x20, 'Lower Cumulative Offline Limit Exceeded'],
  [6, 0x10, 'Upper Cumulative Offline Limit Exceeded'],
  [6, 0x08, 'Go Online On Next Transaction Was Set'],
  [6, 0x04, 'Issuer Authentication Failed'],
  [6, 0x02, 'Script Received'],
  [6, 0x01, 'Script Failed'],
  [7, 0x80, 'Lower Consecutive Counter 2 Limit Exceeded'],
  [7, 0x40, 'Upper Consecutive Counter 2 Limit Exceeded'],
  [7, 0x20, 'Lower Cumulative Accumulator 2 Limit Exceeded'],
  [7, 0x10, 'Upper Cumulative Accumulator 2 Limit Exceeded'],
  [7, 0x08, 'MTA Limit Exceeded'],
  [7, 0x04, 'Number Of Days Offline Limit Exceeded'],
  [7, 0x02, 'Match Found In Additional Check Table'],
  [7, 0x01, 'No Match Found In Additional Check Table'],
  ...range(8, 10, 'DAC/IDN'),
  ...range(10, 18, 'Counters'),
];

/** The layout emv-utils picks for an IAD (emv_iad_get_format, without the CCD case), or null. */
function layoutOf(iad: Uint8Array): { name: string; fields: Field[] } | null {
  const mchipCvn = (iad[1] & 0xf0) === 0x10 && (iad[1] & 0x08) === 0 && (iad[1] & 0x02) === 0;
  if (iad.length >= 18 && mchipCvn && [18, 20, 26, 28].includes(iad.length)) return { name: 'M/Chip', fields: MCHIP };
  if (iad.length >= 7 && iad[0] === 0x06 && iad[3] === 0x03) {
    const f = iad[2] >> 4;
    return f === 0 || f === 1 || f === 3 ? { name: `VSDC format ${f}`, fields: VSDC_0_1_3 } : null;
  }
  if (iad.length === 32 && iad[0] === 0x1f && (iad[8] & 0xf0) === 0) {
    const f = iad[1] >> 4;
    return f === 2 || f === 4 ? { name: `VSDC format ${f}`, fields: VSDC_2_4 } : null;
  }
  return null;
}

/** The meanings the layout gives to the bits that differ between two IADs of the same length. */
function meaningsOfDiff(fields: Field[], a: Uint8Array, b: Uint8Array): string[] {
  const out = new Set<string>();
  for (let i = 0; i < a.length; i++) {
    const diff = a[i] ^ b[i];
    for (let bit = 0x80; bit !== 0; bit >>= 1) {
      if ((diff & bit) === 0) continue;
      const f = fields.filter((x) => x[0] === i && (x[1] & bit) !== 0);
      if (f.length === 0) out.add(`byte ${i + 1} bit ${Math.log2(bit) + 1}: no field`);
      for (const x of f) out.add(x[2]);
    }
  }
  return [...out].sort();
}

const PPSE = '00A404000E325041592E5359532E444446303100';
// TTQ 36000000, amount 12.34 (under the no-CVM limit), country 0056, currency 0978, date 261122, UN DEADBEEF.
const PDOL = `36000000000000001234000000000000005600000000000978261122${'00'}DEADBEEF`;
const CDOL1 = `000000001234000000000000005600000000000978261122${'00'}DEADBEEF223F0000`;

function send(w: Wallet, hex: string): Uint8Array {
  const r = parseResponseApdu(w.applet.process(fromHex(hex)));
  expect(r.sw).toBe(0x9000);
  return r.data;
}

/** The IAD of one tap of card `id`, with or without owner verification before it. */
function tapIad(id: string, verified: boolean): Uint8Array {
  const w = new Wallet(id);
  w.provision(id, 1, 1);
  if (verified) w.applet.verification.arm();
  const aid = cardConfig(id).aid;
  send(w, PPSE);
  send(w, `00A40400${(aid.length / 2).toString(16).padStart(2, '0')}${aid}00`);
  let answer: Uint8Array;
  if (id === 'mc') {
    send(w, '80A800000683043600000000');
    answer = send(w, `80AE800021${CDOL1}00`);
  } else {
    answer = send(w, `80A800002383 21${PDOL}00`.replace(/ /g, ''));
  }
  const iad = findTlv(decodeTlv(answer), 0x9f10);
  if (iad === null) throw new Error('no IAD');
  return iad.value;
}

/** Meanings ArkPay may give its CDCVM flag: the schemes' own CDCVM fields and the issuer's own data. */
const OURS = new Set([
  'CDCVM successfully performed',
  'CVM Verifying Entity',
  'Issuer Discretionary',
  'Issuer Discretionary Data',
]);

describe("the card's CVR decoded with the schemes' layouts (openemv/emv-utils tables)", () => {
  const expected: Record<string, { layout: string; meanings: string[] }> = {
    visa10: { layout: 'VSDC format 0', meanings: [] },
    visa18: { layout: 'VSDC format 1', meanings: ['Issuer Discretionary Data'] },
    cup: { layout: 'VSDC format 1', meanings: ['Issuer Discretionary Data'] },
    visa22: { layout: 'VSDC format 2', meanings: ['CDCVM successfully performed', 'CVM Verifying Entity'] },
    mc: { layout: 'M/Chip', meanings: ['Issuer Discretionary'] },
  };
  for (const [id, want] of Object.entries(expected)) {
    it(`${id}: ${want.layout}; the CDCVM flag means nothing but CDCVM (${want.meanings.join(', ') || 'CTQ only'})`, () => {
      const plain = tapIad(id, false);
      const verified = tapIad(id, true);
      expect(layoutOf(plain)?.name).toBe(want.layout);
      expect(layoutOf(verified)?.name).toBe(want.layout);
      expect(verified.length).toBe(plain.length);
      const meanings = meaningsOfDiff(layoutOf(plain)!.fields, plain, verified);
      expect(meanings).toEqual(want.meanings);
      for (const m of meanings) expect(OURS.has(m)).toBe(true);
      // Without verification the only CVR bits set say which cryptogram was returned: nothing else claimed.
      // (the header bytes, and the IDD length byte of format 1, are not claims)
      const header = [
        'Length',
        'Derivation Key Index',
        'Cryptogram Version Number',
        'CVR length',
        'Issuer Discretionary Data',
      ];
      const acTypes = ['First GENERATE AC type', 'GPO type', 'Second GENERATE AC type'];
      const set = meaningsOfDiff(layoutOf(plain)!.fields, plain, new Uint8Array(plain.length));
      expect(set.filter((m) => !header.includes(m) && !acTypes.includes(m))).toEqual([]);
    });
  }

  it('the tables are not vacuous: the old placement decodes to the conflicting meanings the issue names', () => {
    const visaOld = fromHex('06011203A00001');
    expect(meaningsOfDiff(VSDC_0_1_3, fromHex('06011203A00000'), visaOld)).toEqual([
      'PIN verification command not received for a PIN-expecting card',
    ]);
    const mcOld = fromHex(`0114A00000000001${'00'.repeat(10)}`);
    expect(meaningsOfDiff(MCHIP, fromHex(`0114A00000000000${'00'.repeat(10)}`), mcOld)).toEqual([
      'No Match Found In Additional Check Table',
    ]);
    expect(toHex(visaOld)).toBe('06011203A00001');
  });
});
