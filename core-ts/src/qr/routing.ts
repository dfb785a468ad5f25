/**
 * Which of the wallet's payment methods can pay a merchant-presented code, best first: an exact network
 * match (a Visa token for a code offering Visa, a PromptPay account for a PromptPay template), then
 * interoperable rails (registry links), default method first within each group. Every method that
 * cannot pay is listed with the reason.
 */
import type { TokenRecord } from '../wallet/token-record';
import type { Mpm } from './mpm';
import {
  INTEROP_LINKS,
  type InteropLink,
  NETWORKS,
  type NetworkRow,
  type OfferedNetwork,
  offeredNetworks,
} from './networks';

export enum MethodKind {
  CardToken = 'card-token',
  Account = 'account',
}

export class PaymentMethod {
  readonly id: string;
  readonly kind: MethodKind;
  /** Registry key of the network it pays through: the card scheme ("visa") or the rail ("promptpay"). */
  readonly network: string;
  readonly label: string;
  /** Only active tokens/accounts can pay. */
  readonly active: boolean;
  readonly isDefault: boolean;
  /** ISO 4217 numeric currencies it can pay in without conversion; empty = any. */
  readonly currencies: string[];

  constructor(
    id: string,
    kind: MethodKind,
    network: string,
    label: string,
    active: boolean,
    isDefault: boolean,
    currencies: string[],
  ) {
    this.id = id;
    this.kind = kind;
    this.network = network;
    this.label = label;
    this.active = active;
    this.isDefault = isDefault;
    this.currencies = currencies;
  }
}

/** A wallet token as a routing method: it pays through its card scheme, and only while active. */
export function tokenMethod(t: TokenRecord, defaultTokenId: string | null): PaymentMethod {
  return new PaymentMethod(
    t.id,
    MethodKind.CardToken,
    t.scheme,
    `${t.label} ${t.masked}`,
    t.state === 'active',
    t.id === defaultTokenId,
    [],
  );
}

export enum MatchKind {
  Exact = 'exact',
  Interoperable = 'interoperable',
}

export class RouteOption {
  readonly method: PaymentMethod;
  readonly offer: OfferedNetwork;
  readonly match: MatchKind;

  constructor(method: PaymentMethod, offer: OfferedNetwork, match: MatchKind) {
    this.method = method;
    this.offer = offer;
    this.match = match;
  }
}

/** Codes: ROUTE_NOT_ACTIVE, ROUTE_CURRENCY (network offered, currency not payable), ROUTE_NOT_OFFERED. */
export class RouteExclusion {
  readonly method: PaymentMethod;
  readonly code: string;
  readonly reason: string;

  constructor(method: PaymentMethod, code: string, reason: string) {
    this.method = method;
    this.code = code;
    this.reason = reason;
  }
}

export class RoutingResult {
  readonly options: RouteOption[];
  readonly excluded: RouteExclusion[];
  /** Offers the registry does not know (unknown GUID or account id in sub-tag 00). */
  readonly unknown: OfferedNetwork[];

  constructor(options: RouteOption[], excluded: RouteExclusion[], unknown: OfferedNetwork[]) {
    this.options = options;
    this.excluded = excluded;
    this.unknown = unknown;
  }
}

function findOffer(offers: OfferedNetwork[], key: string): OfferedNetwork | null {
  for (const o of offers) {
    if (o.network !== null && o.network.key === key) {
      return o;
    }
  }
  return null;
}

function linkedOffer(offers: OfferedNetwork[], payer: string, links: InteropLink[]): OfferedNetwork | null {
  for (const l of links) {
    if (l.payer === payer) {
      const o = findOffer(offers, l.payee);
      if (o !== null) {
        return o;
      }
    }
  }
  return null;
}

const rank = (o: RouteOption): number => (o.match === MatchKind.Exact ? 0 : 2) + (o.method.isDefault ? 0 : 1);

/** Routes `mpm` over the wallet's methods (in the wallet's own order). */
export function routeMpm(
  mpm: Mpm,
  methods: PaymentMethod[],
  registry: NetworkRow[] = NETWORKS,
  links: InteropLink[] = INTEROP_LINKS,
): RoutingResult {
  const offers = offeredNetworks(mpm, registry);
  const options: RouteOption[] = [];
  const excluded: RouteExclusion[] = [];
  const currency = mpm.currency;
  for (const m of methods) {
    const exact = findOffer(offers, m.network);
    const linked = exact === null ? linkedOffer(offers, m.network, links) : null;
    if (!m.active) {
      excluded.push(new RouteExclusion(m, 'ROUTE_NOT_ACTIVE', `${m.label} is not active`));
    } else if (exact !== null && currency !== null && m.currencies.length > 0 && !m.currencies.includes(currency)) {
      excluded.push(new RouteExclusion(m, 'ROUTE_CURRENCY', `${m.label} cannot pay in currency ${currency}`));
    } else if (exact !== null) {
      options.push(new RouteOption(m, exact, MatchKind.Exact));
    } else if (linked !== null) {
      options.push(new RouteOption(m, linked, MatchKind.Interoperable));
    } else {
      excluded.push(new RouteExclusion(m, 'ROUTE_NOT_OFFERED', `the code does not accept ${m.network}`));
    }
  }
  // Stable sort keeps the wallet's order within a rank.
  const sorted = options
    .map((o: RouteOption, i: number): number => rank(o) * 10000 + i)
    .sort((a: number, b: number): number => a - b)
    .map((k: number): RouteOption => options[k % 10000]);
  return new RoutingResult(
    sorted,
    excluded,
    offers.filter((o: OfferedNetwork): boolean => o.network === null),
  );
}
