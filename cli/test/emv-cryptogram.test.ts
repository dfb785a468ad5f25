import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { arkpay, arkpayJson } from './run-cli';

// Known answers from docs/emv.md (pyemv reference).
const IMK = '0123456789ABCDEFFEDCBA9876543210';
const PAN = '4761739001010119';

/** Single DES as 2-key TDES with equal halves (OpenSSL 3 keeps plain DES in its legacy provider). */
function des(k: Buffer, x: Buffer, decrypt = false): Buffer {
  const c = (decrypt ? createDecipheriv : createCipheriv)('des-ede-ecb', Buffer.concat([k, k]), null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(x), c.final()]);
}

/** Two-key TDES encryption of one block (for key check values). */
function des3(k: Buffer, x: Buffer): Buffer {
  const c = createCipheriv('des-ede-ecb', k, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(x), c.final()]);
}

/** ISO 9797-1 MAC algorithm 3 written out here, independent of the core: DES-CBC with K1, then D(K2), E(K1). */
function retailMac(key: Buffer, data: Buffer): string {
  const k1 = key.subarray(0, 8);
  const k2 = key.subarray(8, 16);
  let h: Buffer = Buffer.alloc(8);
  for (let i = 0; i < data.length; i += 8) {
    h = des(k1, Buffer.from(data.subarray(i, i + 8).map((b, j) => b ^ h[j])));
  }
  return des(k1, des(k2, h, true))
    .toString('hex')
    .toUpperCase();
}

describe('arkpay emv cryptogram (built binary)', () => {
  it('derives the ICC master key and the session key of the published vectors', () => {
    const mk = arkpayJson<{ iccMasterKey: string }>([
      'emv',
      'cryptogram',
      'keys',
      '--imk',
      IMK,
      '--pan',
      PAN,
      '--psn',
      '01',
      '--cvn',
      '10',
    ]);
    expect(mk.iccMasterKey).toBe('80A89B585BBF64C2F12915BF578FABE0');
    const sk = arkpayJson<{ acKey: string }>([
      'emv',
      'cryptogram',
      'keys',
      '--mk',
      IMK,
      '--atc',
      '001C',
      '--cvn',
      '18',
    ]);
    expect(sk.acKey).toBe('E9FB384AF807B940FEDCEA613461B0C4');
  });

  it('CVN 22 derives by option B: option A up to 16 digits (KCV BAB0 like CVN 10 and 18), SHA-1 from 17', () => {
    const kcv = (hex: string): string =>
      des3(Buffer.from(hex, 'hex'), Buffer.alloc(8)).subarray(0, 2).toString('hex').toUpperCase();
    const keys = (cvn: string, pan: string, psn: string) =>
      arkpayJson<{ cvn: string; iccMasterKey: string }>([
        'emv',
        'cryptogram',
        'keys',
        '--imk',
        IMK,
        '--pan',
        pan,
        '--psn',
        psn,
        '--cvn',
        cvn,
      ]);
    for (const cvn of ['10', '0x12', '22', '0x22']) {
      expect(kcv(keys(cvn, '1234567890123456', '00').iccMasterKey)).toBe('BAB0');
    }
    expect(keys('0x22', '1234567890123456', '00').cvn).toBe('CVN 22 (0x22)');
    // pyemv's 17-digit vectors: option B (CVN 22) 0BAF, option A (CVN 10) FF08
    expect(kcv(keys('22', '12345678901234567', '45').iccMasterKey)).toBe('0BAF');
    expect(kcv(keys('10', '12345678901234567', '45').iccMasterKey)).toBe('FF08');
  });

  it('computes a CVN 18 ARQC that an independent retail MAC reproduces, and verifies it', () => {
    const args = [
      'emv',
      'cryptogram',
      'arqc',
      '--mk',
      IMK,
      '--cvn',
      '18',
      '--amount',
      '12.50',
      '--country',
      '0156',
      '--currency',
      '0156',
      '--date',
      '261122',
      '--un',
      '01020304',
      '--aip',
      '0000',
      '--atc',
      '001C',
    ];
    const r = arkpayJson<{ input: string; ac: string; iad: string; cvn: string; warnings: string[] }>(args);
    expect(r.iad).toBe('06011203A000000100');
    expect(r.cvn).toBe('CVN 18 (0x12)');
    expect(r.warnings).toEqual([]);
    expect(r.input.startsWith('000000001250000000000000015600000000000156261122000102030400000')).toBe(true);
    const sessionKey = Buffer.from('E9FB384AF807B940FEDCEA613461B0C4', 'hex');
    expect(r.ac).toBe(retailMac(sessionKey, Buffer.from(r.input, 'hex')));

    expect(arkpay([...args, '--verify', r.ac]).status).toBe(0);
    const flipped = (Number.parseInt(r.ac[0], 16) ^ 1).toString(16).toUpperCase() + r.ac.slice(1);
    const bad = arkpay([...args, '--verify', flipped]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain('MISMATCH');
  });

  it('reads the inputs from TLV (as in a transcript) and gets the same cryptogram', () => {
    const tags =
      '9F0206000000001250' +
      '9F1A020156' +
      '950500000000005F2A0201569A032611229C01009F3704010203048202000' +
      '09F3602001C9F100906011203A000000100';
    const a = arkpayJson<{ ac: string }>(['emv', 'cryptogram', 'arqc', '--mk', IMK, '--tags', tags]);
    const b = arkpayJson<{ ac: string }>([
      'emv',
      'cryptogram',
      'arqc',
      '--mk',
      IMK,
      '--amount',
      '000000001250',
      '--country',
      '0156',
      '--currency',
      '0156',
      '--date',
      '261122',
      '--un',
      '01020304',
      '--aip',
      '0000',
      '--atc',
      '001C',
    ]);
    expect(a.ac).toBe(b.ac);
  });

  // A fast-path tap as the wallet's CVN 18 card answers it: the IAD's CVN byte says 0x12.
  const TRANSCRIPT =
    '9F0206000000001250' +
    '9F1A020156' +
    '950500000000005F2A0201569A032611229C01009F3704010203048202000' +
    '09F3602001C9F100906011203A000000100';
  const COMMON =
    '000000001250' + '000000000000' + '0156' + '0000000000' + '0156' + '261122' + '00' + '01020304' + '0000' + '001C';

  it('computes what it is asked when the IAD says another CVN, and warns (CVNs in hex)', () => {
    const cvn10 = arkpayJson<{ ac: string; input: string; cvn: string; warnings: string[] }>([
      'emv',
      'cryptogram',
      'arqc',
      '--mk',
      IMK,
      '--cvn',
      '10',
      '--tags',
      TRANSCRIPT,
    ]);
    expect(cvn10.cvn).toBe('CVN 10 (0x0A)');
    expect(cvn10.warnings).toEqual([
      '--cvn asks for CVN 10 (0x0A), but the IAD carries CVN 18 (0x12), not CVN 10 (0x0A); computed as CVN 10 (0x0A)',
    ]);
    // CVN 10: the ICC MK itself over the common data ‖ CVR (03A00000), zero-padded
    const in10 = Buffer.from(`${COMMON}03A00000000000`, 'hex');
    expect(cvn10.input).toBe(in10.toString('hex').toUpperCase());
    expect(cvn10.ac).toBe(retailMac(Buffer.from(IMK, 'hex'), in10));

    const cvn22 = arkpayJson<{ ac: string; warnings: string[] }>([
      'emv',
      'cryptogram',
      'arqc',
      '--mk',
      IMK,
      '--cvn',
      '0x22',
      '--tags',
      TRANSCRIPT,
    ]);
    expect(cvn22.warnings).toEqual([
      '--cvn asks for CVN 22 (0x22), but the IAD does not have the layout of CVN 22 (0x22); computed as CVN 22 (0x22)',
    ]);
    // CVN 22: the ATC's session key over the common data ‖ the whole IAD, method 2 padding
    const in22 = Buffer.from(`${COMMON}06011203A000000100800000000000`, 'hex');
    expect(cvn22.ac).toBe(retailMac(Buffer.from('E9FB384AF807B940FEDCEA613461B0C4', 'hex'), in22));

    const human = arkpay(['emv', 'cryptogram', 'arqc', '--mk', IMK, '--cvn', '10', '--tags', TRANSCRIPT]);
    expect(human.status).toBe(0);
    expect(human.stderr).toContain('warning: --cvn asks for CVN 10 (0x0A), but the IAD carries CVN 18 (0x12)');
    expect(human.stdout).toContain(cvn10.ac);
    expect(human.stdout + human.stderr).not.toMatch(/CVN 34|IAD_INVALID/);
    const same = arkpayJson<{ warnings: string[] }>(['emv', 'cryptogram', 'arqc', '--mk', IMK, '--tags', TRANSCRIPT]);
    expect(same.warnings).toEqual([]);
  });

  it('computes ARPC method 1 as TDES(SK, ARQC xor ARC‖000000000000)', () => {
    const r = arkpayJson<{ arpc: string }>([
      'emv',
      'cryptogram',
      'arpc',
      '--mk',
      IMK,
      '--atc',
      '001C',
      '--arqc',
      '1122334455667788',
      '--arc',
      '3030',
    ]);
    const x = Buffer.from('1122334455667788', 'hex');
    x[0] ^= 0x30;
    x[1] ^= 0x30;
    const c = createCipheriv('des-ede-ecb', Buffer.from('E9FB384AF807B940FEDCEA613461B0C4', 'hex'), null);
    c.setAutoPadding(false);
    expect(r.arpc).toBe(
      Buffer.concat([c.update(x), c.final()])
        .toString('hex')
        .toUpperCase(),
    );
  });

  it('rejects bad input with precise codes', () => {
    const noKey = arkpay(['--json', 'emv', 'cryptogram', 'keys', '--pan', PAN]);
    expect(noKey.status).toBe(1);
    expect(JSON.parse(noKey.stdout).error.code).toBe('MISSING_KEY');
    const short = arkpay(['--json', 'emv', 'cryptogram', 'keys', '--mk', '0123']);
    expect(JSON.parse(short.stdout).error.code).toBe('BAD_LENGTH');
    const cvn = arkpay(['--json', 'emv', 'cryptogram', 'keys', '--mk', IMK, '--cvn', '99']);
    expect(JSON.parse(cvn.stdout).error.code).toBe('BAD_CVN');
  });
});
