/** A token as the wallet keeps it: what the app shows and what the card applet needs, never the funding PAN. */
import { ArkPayError } from '../errors';
import { maskPan } from './card-data';

interface TokenJson {
  id: string;
  tokenPan: string;
  expiry: string;
  psn: number;
  aid: string;
  label: string;
  scheme: string;
  fundingLast4: string;
  state: string;
}

export class TokenRecord {
  readonly id: string;
  /** The token number (a Luhn-valid number in the token BIN range, not the card's PAN). */
  readonly tokenPan: string;
  /** YYMMDD. */
  readonly expiry: string;
  readonly psn: number;
  /** AID in hex. */
  readonly aid: string;
  readonly label: string;
  readonly scheme: string;
  /** Last four digits of the funding card, for display. */
  readonly fundingLast4: string;
  readonly state: string;

  constructor(
    id: string,
    tokenPan: string,
    expiry: string,
    psn: number,
    aid: string,
    label: string,
    scheme: string,
    fundingLast4: string,
    state: string,
  ) {
    this.id = id;
    this.tokenPan = tokenPan;
    this.expiry = expiry;
    this.psn = psn;
    this.aid = aid;
    this.label = label;
    this.scheme = scheme;
    this.fundingLast4 = fundingLast4;
    this.state = state;
  }

  get masked(): string {
    return maskPan(this.tokenPan);
  }

  withState(state: string): TokenRecord {
    return new TokenRecord(
      this.id,
      this.tokenPan,
      this.expiry,
      this.psn,
      this.aid,
      this.label,
      this.scheme,
      this.fundingLast4,
      state,
    );
  }

  toJson(): string {
    const j: TokenJson = {
      id: this.id,
      tokenPan: this.tokenPan,
      expiry: this.expiry,
      psn: this.psn,
      aid: this.aid,
      label: this.label,
      scheme: this.scheme,
      fundingLast4: this.fundingLast4,
      state: this.state,
    };
    return JSON.stringify(j);
  }

  static fromJson(text: string): TokenRecord {
    const j = JSON.parse(text) as TokenJson;
    if (typeof j.id !== 'string' || typeof j.tokenPan !== 'string' || typeof j.state !== 'string') {
      throw new ArkPayError('WALLET_CORRUPT', 'stored token record is malformed');
    }
    return new TokenRecord(j.id, j.tokenPan, j.expiry, j.psn, j.aid, j.label, j.scheme, j.fundingLast4, j.state);
  }
}
