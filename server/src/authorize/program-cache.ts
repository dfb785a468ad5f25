/**
 * What an authorization derives from its program row and would otherwise derive again on every call:
 * the parsed limits and decision settings, and the issuer master key opened from its sealed form.
 * Keyed by the stored text itself (the settings' JSON, the program id with its sealed key), so a
 * program whose settings or key change misses the cache at once, in every process: nothing here is
 * state another process needs. The opened key is kept at most KEY_TTL_MS, then wiped.
 */
import type { ProgramsTable } from '../db/schema';
import type { Deps } from '../deps';
import { Decision, type DecisionT, Limits, type LimitsT } from '../programs/model';
import { programMasterKey } from '../programs/store';

const MAX_ENTRIES = 512;
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

export function programLimits(program: ProgramsTable): LimitsT {
  return bounded(limits, program.limits, () => Limits.parse(JSON.parse(program.limits)));
}

export function programDecision(program: ProgramsTable): DecisionT {
  return bounded(decisions, program.decision, () => Decision.parse(JSON.parse(program.decision)));
}

interface OpenKey {
  key: Uint8Array;
  until: number;
}

/** Per KEK: two services in one process never share an opened key. */
const keys = new WeakMap<Uint8Array, Map<string, OpenKey>>();

function wipe(m: Map<string, OpenKey>): void {
  for (const k of m.values()) k.key.fill(0);
  m.clear();
}

/** The program's issuer master key, opened once a minute at most. Callers must not modify it. */
export function issuerMasterKey(deps: Deps, program: ProgramsTable): Uint8Array {
  let m = keys.get(deps.kek);
  if (m === undefined) {
    m = new Map();
    keys.set(deps.kek, m);
  }
  const id = `${program.id}\n${program.imk_sealed}`;
  const now = Date.now();
  const hit = m.get(id);
  if (hit !== undefined && hit.until > now) return hit.key;
  if (hit !== undefined) {
    hit.key.fill(0);
    m.delete(id);
  }
  if (m.size >= MAX_ENTRIES) wipe(m);
  const key = programMasterKey(deps, program);
  m.set(id, { key, until: now + KEY_TTL_MS });
  return key;
}
