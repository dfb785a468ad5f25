/**
 * Which merchant QR codes an acquiring partner acquires, and routing a scanned code to it. A
 * registration names a merchant account template by its GUID (sub-tag 00 of fields 26-51) and either
 * one merchant (the value of any of the template's account sub-fields 01-99, e.g. PromptPay's phone or
 * tax id) or every merchant under it, or a whole network of the core's registry (networks.ts). Each
 * match key belongs to one acquirer. Routing prefers the most specific: a merchant, then a GUID, then
 * a network.
 */
import { type Mpm, NetworkKind, networkByKey, offeredNetworks } from '@arkpay/core';
import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { newId } from '../crypto/secrets';
import type { AcquirerRegistrationsTable, Database } from '../db/schema';
import type { Deps } from '../deps';
import { ApiError } from '../http/errors';

export const RegistrationRequest = z
  .object({
    guid: z
      .string()
      .regex(/^[\x21-\x7e]{1,32}$/, '1–32 visible ASCII characters')
      .optional()
      .openapi({ description: 'account template GUID (sub-tag 00 of fields 26–51), e.g. A000000677010111' }),
    merchantId: z
      .string()
      .regex(/^[\x20-\x7e]{1,99}$/, '1–99 ASCII characters')
      .optional()
      .openapi({ description: "one merchant: the value of one of the template's account sub-fields; absent: all" }),
    network: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/)
      .optional()
      .openapi({ description: 'a network key of the core registry (e.g. promptpay, paynow) instead of a GUID' }),
  })
  .openapi('AcquirerRegistrationRequest');

export const Registration = z
  .object({
    id: z.string(),
    guid: z.string().nullable(),
    merchantId: z.string().nullable(),
    network: z.string().nullable(),
    createdAt: z.number(),
  })
  .openapi('AcquirerRegistration');

export type RegistrationT = z.infer<typeof Registration>;

export function toRegistration(r: AcquirerRegistrationsTable): RegistrationT {
  return { id: r.id, guid: r.guid, merchantId: r.merchant_id, network: r.network, createdAt: r.created_at };
}

const ANY_MERCHANT = '*';

function guidKey(guid: string, merchantId: string): string {
  return `guid:${guid.toUpperCase()}:${merchantId}`;
}

function networkKey(key: string): string {
  return `network:${key}`;
}

export async function register(
  deps: Deps,
  acquirerId: string,
  r: z.infer<typeof RegistrationRequest>,
): Promise<RegistrationT> {
  if ((r.guid === undefined) === (r.network === undefined))
    throw new ApiError(
      'REGISTRATION_INVALID',
      'give either a template guid (with an optional merchantId) or a network',
    );
  let matchKey: string;
  if (r.network !== undefined) {
    if (r.merchantId !== undefined)
      throw new ApiError('REGISTRATION_INVALID', 'merchantId goes with a template guid, not a network');
    const row = networkByKey(r.network);
    if (row === null || row.kind === NetworkKind.Info)
      throw new ApiError('REGISTRATION_INVALID', `"${r.network}" is not a payment network of the registry`);
    matchKey = networkKey(row.key);
  } else {
    matchKey = guidKey(r.guid ?? '', r.merchantId ?? ANY_MERCHANT);
  }
  const row: AcquirerRegistrationsTable = {
    id: newId('reg'),
    acquirer_id: acquirerId,
    match_key: matchKey,
    guid: r.guid === undefined ? null : r.guid.toUpperCase(),
    merchant_id: r.merchantId ?? null,
    network: r.network ?? null,
    created_at: deps.now(),
  };
  const inserted = await deps.db.kysely
    .insertInto('acquirer_registrations')
    .values(row)
    .onConflict((oc) => oc.column('match_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted === undefined) {
    const holder = await deps.db.kysely
      .selectFrom('acquirer_registrations')
      .selectAll()
      .where('match_key', '=', matchKey)
      .executeTakeFirstOrThrow();
    // Registering what one already holds answers the existing registration.
    if (holder.acquirer_id === acquirerId) return toRegistration(holder);
    throw new ApiError('REGISTRATION_TAKEN', 'another acquirer already registered these codes');
  }
  return toRegistration(row);
}

export async function listRegistrations(deps: Deps, acquirerId: string): Promise<RegistrationT[]> {
  const rows = await deps.db.kysely
    .selectFrom('acquirer_registrations')
    .selectAll()
    .where('acquirer_id', '=', acquirerId)
    .orderBy('created_at')
    .execute();
  return rows.map(toRegistration);
}

export async function deleteRegistration(deps: Deps, acquirerId: string, id: string): Promise<RegistrationT> {
  const row = await deps.db.kysely
    .deleteFrom('acquirer_registrations')
    .where('id', '=', id)
    .where('acquirer_id', '=', acquirerId)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw new ApiError('REGISTRATION_NOT_FOUND', 'no such registration');
  return toRegistration(row);
}

/** Where a scanned code goes: the acquirer, the network it was routed by and the merchant's id there. */
export interface Routed {
  registration: AcquirerRegistrationsTable;
  network: string;
  merchantId: string;
}

interface Candidate {
  key: string;
  network: string;
  merchantId: string;
}

/** The registered acquirer for a code, or QR_NOT_ACCEPTED naming the networks the code offers. */
export async function routeToAcquirer(db: Kysely<Database>, mpm: Mpm): Promise<Routed> {
  const merchants: Candidate[] = [];
  const templates: Candidate[] = [];
  const networks: Candidate[] = [];
  const names: string[] = [];
  for (const o of offeredNetworks(mpm)) {
    const label = o.network?.key ?? o.guid;
    const accounts = (o.field.children ?? []).filter((c) => c.id !== '00' && c.value !== '');
    const first = accounts[0]?.value ?? '';
    if (o.guid !== '') {
      for (const a of accounts) merchants.push({ key: guidKey(o.guid, a.value), network: label, merchantId: a.value });
      templates.push({ key: guidKey(o.guid, ANY_MERCHANT), network: label, merchantId: first });
    }
    if (o.network !== null) networks.push({ key: networkKey(o.network.key), network: label, merchantId: first });
    const name = o.network?.name ?? (o.guid !== '' ? `"${o.guid}"` : `field ${o.fieldId}`);
    if (!names.includes(name)) names.push(name);
  }
  const candidates = [...merchants, ...templates, ...networks];
  const rows =
    candidates.length === 0
      ? []
      : await db
          .selectFrom('acquirer_registrations')
          .selectAll()
          .where(
            'match_key',
            'in',
            candidates.map((c) => c.key),
          )
          .execute();
  for (const c of candidates) {
    const hit = rows.find((r) => r.match_key === c.key);
    if (hit !== undefined) return { registration: hit, network: c.network, merchantId: c.merchantId };
  }
  const what = names.length === 0 ? 'codes without a merchant account' : `${names.join(' or ')} codes`;
  throw new ApiError('QR_NOT_ACCEPTED', `no connected acquirer accepts ${what} here`);
}
