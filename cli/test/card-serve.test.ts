import { describe, expect, it } from 'vitest';
import { hostPort } from '../src/commands/card-serve';
import { arkpay } from './run-cli';

describe('arkpay card serve: arguments and failures', () => {
  it('parses the vpcd address', () => {
    expect(hostPort(true)).toEqual({ host: '127.0.0.1', port: 35963 });
    expect(hostPort('10.0.0.5:35964')).toEqual({ host: '10.0.0.5', port: 35964 });
    expect(hostPort('[::1]:35963')).toEqual({ host: '::1', port: 35963 });
    expect(hostPort('35965')).toEqual({ host: '127.0.0.1', port: 35965 });
    expect(() => hostPort('host:99999')).toThrow(/out of range/);
  });

  it('says what is wrong, with a code and exit status 1', () => {
    const none = arkpay(['--json', 'card', 'serve']);
    expect(none.status).toBe(1);
    expect(JSON.parse(none.stdout).error.code).toBe('NO_TRANSPORT');
    const scheme = arkpay(['--json', 'card', 'serve', '--vpcd', '--scheme', 'amex']);
    expect(JSON.parse(scheme.stdout).error.code).toBe('BAD_SCHEME');
    // Nothing listens on port 9 of the loopback: the connection is refused once the wait is over.
    const refused = arkpay(['--json', 'card', 'serve', '--vpcd', '127.0.0.1:9', '--wait', '300']);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatchObject({
      code: 'VPCD_UNREACHABLE',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});
