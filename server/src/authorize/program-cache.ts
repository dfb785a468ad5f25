/**
 * What an authorization derives from its program row and would otherwise derive again on every call:
 * the parsed limits and decision settings, and the issuer master key opened from its sealed form.
 * Keyed by the stored text itself (the settings' JSON, the program id with its sealed key), so a
 * program whose settings or key change misses the cache at once, in every process: nothing here is
 * state another process needs. The opened key is kept at most KEY_TTL_MS, then wiped; so are the token
 * master keys derived from it (keyed by the same text and the token's number and PSN), which the cached
 * issuer master key could derive again at any time: keeping them exposes nothing more.
 */
import { type Cvn, deriveCvnMasterKey } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import type { Deps } from '../deps';
import { Decision, type DecisionT, Limits, type LimitsT } from '../programs/model';
import { programMasterKey } from '../programs/store';
import type { AuthorizingProgram, AuthorizingToken } from '../tokens/detokenise';

const MAX_ENTRIES = 512;
const MAX_TOKEN_KEYS = 16_384;
const KEY_TTL_MS = 60_000;

function bounded<V>(m: Map<string, V>, key: string, make: () => V): V {
  let v = m.get(key);
  if (v === undefined) {
    v = make();
    if (m.size >= MAX_ENTRIES) m.clear();
    m.set(key, v);
  }
  return v;
}

const limits = new Map<string, LimitsT>();
const decisions = new Map<string, DecisionT>();

export function programLimits(program: AuthorizingProgram): LimitsT {
  return bounded(limits, program.limits, () => Limits.parse(JSON.parse(program.limits)));
}

export function programDecision(program: AuthorizingProgram): DecisionT {
  return bounded(decisions, program.decision, () => Decision.parse(JSON.parse(program.decision)));
}

interface OpenKey {
  key: Uint8Array;
  until: number;
}

/** Per KEK: two services in one process never share an opened key. */
const keys = new WeakMap<Uint8Array, { imk: Map<string, OpenKey>; mk: Map<string, OpenKey> }>();

function wipe(m: Map<string, OpenKey>): void {
  for (const k of m.values()) k.key.fill(0);
  m.clear();
}

/** A key from `m` (one of `keys`' maps) or made now, kept KEY_TTL_MS at most. */
function openKey(m: Map<string, OpenKey>, id: string, max: number, make: () => Uint8Array): Uint8Array {
  const now = Date.now();
  const hit = m.get(id);
  if (hit !== undefined && hit.until > now) return hit.key;
  if (hit !== undefined) {
    hit.key.fill(0);
    m.delete(id);
  }
  if (m.size >= max) wipe(m);
  const key = make();
  m.set(id, { key, until: now + KEY_TTL_MS });
  return key;
}

function keysOf(deps: Deps, kind: 'imk' | 'mk'): Map<string, OpenKey> {
  let m = keys.get(deps.kek);
  if (m === undefined) {
    m = { imk: new Map(), mk: new Map() };
    keys.set(deps.kek, m);
  }
  return m[kind];
}

/** The program's issuer master key, opened once a minute at most. Callers must not modify it. */
function issuerMasterKey(deps: Deps, program: AuthorizingProgram): Uint8Array {
  const id = `${program.id}\n${program.imk_sealed}`;
  return openKey(keysOf(deps, 'imk'), id, MAX_ENTRIES, () => programMasterKey(deps, program));
}

const crypto = new NodeCrypto();

/** The token's master key for `cvn` (keys/batch.ts tokenMasterKey derives the same). Callers must not modify it. */
export function cachedTokenMasterKey(
  deps: Deps,
  program: AuthorizingProgram,
  token: AuthorizingToken,
  cvn: Cvn,
): Uint8Array {
  const id = `${program.id}\n${program.imk_sealed}\n${token.token_number}\n${token.psn}\n${cvn}`;
  return openKey(keysOf(deps, 'mk'), id, MAX_TOKEN_KEYS, () =>
    deriveCvnMasterKey(crypto, issuerMasterKey(deps, program), token.token_number, token.psn, cvn),
  );
}
