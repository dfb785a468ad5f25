/** What provisioning needs from the outside: the token service (network) and the token installer. */
import type { ValidatedCard } from './card-data';

export enum IdvOutcome {
  Green = 'green',
  Yellow = 'yellow',
  Red = 'red',
}

/** The token service's ID&V decision for a request. */
export class IdvDecision {
  readonly outcome: IdvOutcome;
  /** The service's id for the request (used for step-up and to fetch the token). */
  readonly requestId: string;
  /** Step-up limits the service enforces; the wallet mirrors them. */
  readonly otpTtlMs: number;
  readonly maxAttempts: number;
  readonly maxResends: number;

  constructor(outcome: IdvOutcome, requestId: string, otpTtlMs: number, maxAttempts: number, maxResends: number) {
    this.outcome = outcome;
    this.requestId = requestId;
    this.otpTtlMs = otpTtlMs;
    this.maxAttempts = maxAttempts;
    this.maxResends = maxResends;
  }
}

export enum OtpOutcome {
  Ok = 'ok',
  Wrong = 'wrong',
  Expired = 'expired',
  Locked = 'locked',
}

/** Token service calls. Every call is idempotent on the idempotency key / request id. */
export interface ProvisioningNetwork {
  /** Submits the card; the same key always yields the same request (never a second token). */
  requestToken(idempotencyKey: string, card: ValidatedCard): Promise<IdvDecision>;
  /** After a restart: the decision for a key, or null if the service never received it. */
  findRequest(idempotencyKey: string): Promise<IdvDecision | null>;
  /** Sends (again) the one-time code. */
  sendOtp(requestId: string): Promise<void>;
  verifyOtp(requestId: string, code: string): Promise<OtpOutcome>;
}

/** Installs the approved token and its key batch on the device; idempotent per request. */
export interface TokenInstaller {
  /** Fetches the token and keys for an approved request and installs them; returns the token id. */
  install(requestId: string): Promise<string>;
}
