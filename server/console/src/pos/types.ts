/** What the POS endpoints answer (server/src/pos): the contract's tap report, plus the in-page wallet. */
import type { TapReport } from '@arkpay/core/contract';

export interface TapResult extends TapReport {
  /** The in-page wallet's state after the tap (spent keys gone): the page keeps it, the service does not. */
  wallet?: unknown;
}
