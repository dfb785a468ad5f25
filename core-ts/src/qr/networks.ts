/**
 * Which payment networks an MPM offers. The registry is DATA: card networks by their reserved
 * primitive IDs, account-to-account rails and wallets by the globally unique identifier in sub-tag 00
 * of templates 26-51. A new network is one more row. Only identifiers confirmed in published national
 * specifications are listed; anything else is reported as unknown, never guessed.
 */
import { SCHEMES } from '../contract/schemes';
import type { Mpm, MpmField } from './mpm';

export enum NetworkKind {
  /** Card scheme: pays with a card token of that scheme. */
  Card = 'card',
  /** Account-to-account rail (instant payment system). */
  Rail = 'rail',
  /** An identification template (no payment by itself). */
  Info = 'info',
}

export class NetworkRow {
  readonly key: string;
  readonly name: string;
  readonly kind: NetworkKind;
  /** Reserved root IDs (card networks), e.g. ["02", "03"] for Visa. */
  readonly ids: string[];
  /** GUIDs matched case-insensitively against template sub-tag 00. */
  readonly guids: string[];
  /** ISO 3166 alpha-2 country of a domestic rail, '' for global networks. */
  readonly country: string;
  /** ISO 4217 numeric currency a rail settles in, '' when any. */
  readonly currency: string;

  constructor(
    key: string,
    name: string,
    kind: NetworkKind,
    ids: string[],
    guids: string[],
    country: string,
    currency: string,
  ) {
    this.key = key;
    this.name = name;
    this.kind = kind;
    this.ids = ids;
    this.guids = guids;
    this.country = country;
    this.currency = currency;
  }
}

const card = (key: string, name: string, ids: string[]): NetworkRow =>
  new NetworkRow(key, name, NetworkKind.Card, ids, [], '', '');
const rail = (key: string, name: string, guids: string[], country: string, currency: string): NetworkRow =>
  new NetworkRow(key, name, NetworkKind.Rail, [], guids, country, currency);

function cardNetworks(): NetworkRow[] {
  const out: NetworkRow[] = [];
  for (const s of SCHEMES) {
    out.push(card(s.scheme, s.name, s.qrIds));
  }
  return out;
}

/** Card networks come from the scheme registry (contract/schemes.ts); rails and wallets are listed here. */
export const NETWORKS: NetworkRow[] = cardNetworks().concat([
  card('emvco', 'EMVCo reserved', ['06', '07', '08', '17', '18', '19', '20', '21', '22', '23', '24', '25']),
  rail('paynow', 'PayNow (Singapore)', ['SG.PAYNOW'], 'SG', '702'),
  rail('promptpay', 'PromptPay (Thailand)', ['A000000677010111', 'A000000677010112'], 'TH', '764'),
  rail('pix', 'Pix (Brazil)', ['br.gov.bcb.pix'], 'BR', '986'),
  rail('qris', 'QRIS (Indonesia)', ['ID.CO.QRIS.WWW'], 'ID', '360'),
  rail('napas', 'VietQR / NAPAS 247 (Vietnam)', ['A000000727'], 'VN', '704'),
  rail('fps', 'FPS (Hong Kong)', ['hk.com.hkicl'], 'HK', ''),
  new NetworkRow('sgqr', 'SGQR identity', NetworkKind.Info, [], ['SG.SGQR'], 'SG', ''),
]);

/** Cross-border or cross-network links: an account on `payer` can pay a code offering `payee`. */
export class InteropLink {
  readonly payer: string;
  readonly payee: string;

  constructor(payer: string, payee: string) {
    this.payer = payer;
    this.payee = payee;
  }
}

/** PayNow–PromptPay linkage (2021) in both directions. */
export const INTEROP_LINKS: InteropLink[] = [
  new InteropLink('paynow', 'promptpay'),
  new InteropLink('promptpay', 'paynow'),
];

/** One network a code offers, found in one of its fields. */
export class OfferedNetwork {
  /** Root field ID (02-51, 80-99). */
  readonly fieldId: string;
  /** Registry row, or null when the ID/GUID is not in the registry. */
  readonly network: NetworkRow | null;
  /** Template sub-tag 00 as written, '' for primitive IDs. */
  readonly guid: string;
  /** The merchant's account data in that field (primitive value, or the template's sub-fields). */
  readonly field: MpmField;

  constructor(fieldId: string, network: NetworkRow | null, guid: string, field: MpmField) {
    this.fieldId = fieldId;
    this.network = network;
    this.guid = guid;
    this.field = field;
  }
}

export function networkByKey(key: string, registry: NetworkRow[] = NETWORKS): NetworkRow | null {
  for (const r of registry) {
    if (r.key === key) {
      return r;
    }
  }
  return null;
}

function lookup(field: MpmField, guid: string, registry: NetworkRow[]): NetworkRow | null {
  const g = guid.toUpperCase();
  for (const r of registry) {
    if (r.ids.includes(field.id)) {
      return r;
    }
    for (const rg of r.guids) {
      if (g !== '' && rg.toUpperCase() === g) {
        return r;
      }
    }
  }
  return null;
}

/** Every network the code offers, in ascending field ID order (merchant accounts, then 80-99). */
export function offeredNetworks(mpm: Mpm, registry: NetworkRow[] = NETWORKS): OfferedNetwork[] {
  const out: OfferedNetwork[] = [];
  for (const f of mpm.merchantAccounts().concat(mpm.unreserved())) {
    const guid = f.children === null ? '' : f.sub('00');
    const g = guid === null ? '' : guid;
    out.push(new OfferedNetwork(f.id, lookup(f, g, registry), g, f));
  }
  return out;
}
