import {
  ApduFrame,
  CodeFrame,
  deviceSigningString,
  EndFrame,
  ErrorFrame,
  HelloFrame,
  isValidPairCode,
  isValidPairSecret,
  PairFrame,
  parseRelayFrame,
  parseTapReport,
  RelayErrorCode,
  RelayFrameType,
  ResultFrame,
  SignalFrame,
  TapFrame,
  TapOutcome,
  type TapReport,
} from '@arkpay/core/contract';
import { describe, expect, it } from 'vitest';

const REPORT: TapReport = {
  result: TapOutcome.APPROVED,
  reason: 'APPROVED',
  message: '',
  transcript: [{ step: 'SELECT PPSE', command: '00A404000E', response: '9000' }],
  authorization: { id: 'auth_1', approved: true, reason: 'APPROVED', arc: '3030', arpc: null },
  receipt: null,
};

describe('relay frames', () => {
  it('encode to the documented wire objects', () => {
    expect(new HelloFrame('ak_1').encode()).toBe('{"type":"hello","acquirerKey":"ak_1"}');
    expect(new CodeFrame('K7P2QX', 'ABCDEFGH', 5).encode()).toBe(
      '{"type":"code","code":"K7P2QX","secret":"ABCDEFGH","expiresAt":5}',
    );
    expect(new PairFrame('k7p2qx', 'abcdefgh').encode()).toBe('{"type":"pair","code":"K7P2QX","secret":"ABCDEFGH"}');
    expect(new SignalFrame(RelayFrameType.PAIRED).encode()).toBe('{"type":"paired"}');
    expect(new ApduFrame(RelayFrameType.RAPDU, 3, '6f009000').encode()).toBe(
      '{"type":"rapdu","id":3,"hex":"6F009000"}',
    );
    expect(new EndFrame('approved', '').encode()).toBe('{"type":"end","result":"approved","reason":""}');
    expect(new ErrorFrame(RelayErrorCode.PAIR_RATE_LIMITED, 'slow down', 30).encode()).toBe(
      '{"type":"error","code":"PAIR_RATE_LIMITED","message":"slow down","retryAfter":30}',
    );
    expect(new ErrorFrame(RelayErrorCode.PAIR_SECRET_INVALID, 'no').encode()).toBe(
      '{"type":"error","code":"PAIR_SECRET_INVALID","message":"no"}',
    );
  });

  it('parse back what they encode', () => {
    const frames = [
      new HelloFrame('ak_1'),
      new CodeFrame('K7P2QX', 'ABCDEFGH', 5),
      new PairFrame('K7P2QX', 'ABCDEFGH'),
      new SignalFrame(RelayFrameType.UNPAIRED),
      new ApduFrame(RelayFrameType.APDU, 1, '00A4040007A0000000031010'),
      new TapFrame('12.50', '156', 'Cafe'),
      new ResultFrame(REPORT),
      new EndFrame('', 'KERNEL_FAILED'),
      new ErrorFrame(RelayErrorCode.RELAY_BUSY, 'busy'),
    ];
    for (const f of frames) {
      const back = parseRelayFrame(f.encode());
      expect(back).toBeInstanceOf(f.constructor);
      expect(back).toEqual(f);
    }
  });

  it('read a tap amount sent as a number and a missing currency as the default', () => {
    const f = parseRelayFrame('{"type":"tap","amount":12.5}');
    expect(f).toBeInstanceOf(TapFrame);
    expect((f as TapFrame).amount).toBe('12.5');
    expect((f as TapFrame).currency).toBe('');
  });

  it('ignore malformed frames, unknown types and bad APDU fields', () => {
    for (const bad of [
      'not json',
      'null',
      '[]',
      '{"type":7}',
      '{"type":"teleport"}',
      '{"type":"apdu","id":-1,"hex":"9000"}',
      '{"type":"apdu","id":1.5,"hex":"9000"}',
      '{"type":"rapdu","id":1,"hex":"90"}',
      '{"type":"rapdu","id":1,"hex":"90 00"}',
      '{"type":"pair","secret":"X"}',
      '{"type":"code","code":"K7P2QX"}',
      '{"type":"result","tap":{"result":"maybe","reason":"","message":"","transcript":[]}}',
      '{"type":"result","tap":{"result":"approved","reason":"","message":"","transcript":[{"step":1}]}}',
    ]) {
      expect(parseRelayFrame(bad)).toBeNull();
    }
  });

  it('pair codes have the issued shape', () => {
    expect(isValidPairCode('K7P2QX')).toBe(true);
    expect(isValidPairCode(' k7p2qx ')).toBe(true);
    expect(isValidPairCode('K7')).toBe(false);
    expect(isValidPairCode('K7P2Q0')).toBe(false); // no look-alikes
    expect(isValidPairSecret('M4RT9WZC')).toBe(true);
    expect(isValidPairSecret('M4RT9WZ')).toBe(false);
  });
});

describe('tap report', () => {
  it('accepts a complete report and refuses a wrong nested field', () => {
    expect(parseTapReport(REPORT)).toEqual(REPORT);
    const bad = JSON.parse(JSON.stringify(REPORT)) as TapReport;
    (bad.authorization as { approved: unknown }).approved = 'yes';
    expect(parseTapReport(bad)).toBeNull();
  });
});

describe('device signing string', () => {
  it('upper-cases the method and lower-cases the digest, whatever the caller wrote', () => {
    expect(deviceSigningString('post', '/v1/x?a=1', 'BA78', 'N', 'T')).toBe('POST\n/v1/x?a=1\nba78\nN\nT');
    expect(deviceSigningString('POST', '/v1/x?a=1', 'ba78', 'N', 'T')).toBe(
      deviceSigningString('post', '/v1/x?a=1', 'BA78', 'N', 'T'),
    );
  });
});
