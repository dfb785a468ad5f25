/**
 * The demo issuer, acquirer and card program seeded on first start (once per database, even with
 * several processes starting together): a Visa-style program (CVN 18) whose BIN range covers the
 * registry's Visa test PAN (4761739001010119, docs/emv.md), and a Mastercard-style full-path program
 * (`full`, CVN 18 single-use keys) covering its Mastercard test PAN 5413330089020011, limits in CNY.
 * Scheme, AID and BIN come from the scheme registry (@arkpay/core/contract).
 */

import { CardScheme, ProgramProfile, type SchemeRow, schemeRow } from '@arkpay/core/contract';
import type { Deps } from '../deps';
import { createParty } from '../issuers/store';
import { ProgramCreate } from '../programs/model';
import { createProgram } from '../programs/store';
import { getSetting, putSettingOnce } from './settings';

export interface DemoCredentials {
  issuerId: string;
  issuerKey: string;
  acquirerId: string;
  acquirerKey: string;
  programId: string;
  /** The Mastercard-style full-path program (profile `full`). */
  fullProgramId: string;
}

const VISA = schemeRow(CardScheme.Visa) as SchemeRow;
const MASTERCARD = schemeRow(CardScheme.Mastercard) as SchemeRow;
const bin = (s: SchemeRow) => ({ low: s.testPan.slice(0, 6), high: s.testPan.slice(0, 6) });

export const DEMO_PROGRAM = ProgramCreate.parse({
  name: 'ArkPay Demo Visa',
  scheme: VISA.scheme,
  aid: VISA.aid,
  profile: ProgramProfile.VisaCvn18,
  binRange: bin(VISA),
  tokenBin: '489537',
  cardArt: '',
  limits: { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 2000000, velocityPerHour: 60 },
});

export const DEMO_FULL_PROGRAM = ProgramCreate.parse({
  name: 'ArkPay Demo Mastercard',
  scheme: MASTERCARD.scheme,
  aid: MASTERCARD.aid,
  profile: ProgramProfile.Full,
  binRange: bin(MASTERCARD),
  tokenBin: '535110',
  cardArt: '',
  limits: { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 2000000, velocityPerHour: 60 },
});

/** Seeds the demo once; returns the credentials when this call seeded them. */
export async function seedDemo(deps: Deps): Promise<DemoCredentials | undefined> {
  const claim = `claimed:${deps.now()}:${Math.random()}`;
  if ((await putSettingOnce(deps.db, 'demo_seed', claim)) !== claim) return undefined;
  const issuer = await createParty(deps, 'issuer', 'ArkPay Demo Bank');
  const acquirer = await createParty(deps, 'acquirer', 'ArkPay Demo Acquirer');
  const program = await createProgram(deps, issuer.id, DEMO_PROGRAM);
  const full = await createProgram(deps, issuer.id, DEMO_FULL_PROGRAM);
  return {
    issuerId: issuer.id,
    issuerKey: issuer.apiKey,
    acquirerId: acquirer.id,
    acquirerKey: acquirer.apiKey,
    programId: program.id,
    fullProgramId: full.id,
  };
}

export async function isDemoSeeded(deps: Deps): Promise<boolean> {
  return (await getSetting(deps.db, 'demo_seed')) !== undefined;
}
