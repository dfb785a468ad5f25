/**
 * A merchant-QR payment made through an acquiring partner (the partner registered the merchant's code):
 * its shape as the acquirer API answers it and notifications carry it, and its states as a table.
 *
 * Settlement: a payment authorized on day D settles at the next 00:00 UTC cut-off after its
 * authorization (`settlesAt`), or earlier when the acquirer settles it explicitly. Before that it can be
 * cancelled (a full reversal); after it, only refunded (partly or fully, at the original rate).
 */
import { StateTable, Transition } from '../state-machine';

export enum AcquiredPaymentState {
  Authorized = 'authorized',
  Declined = 'declined',
  Cancelled = 'cancelled',
  Settled = 'settled',
  PartlyRefunded = 'partly_refunded',
  Refunded = 'refunded',
}

export enum AcquiredPaymentEvent {
  Cancel = 'cancel',
  Settle = 'settle',
  /** A refund leaving part of the amount unrefunded. */
  RefundPart = 'refund_part',
  /** A refund bringing the refunded total to the whole amount. */
  RefundRest = 'refund_rest',
}

export enum AcquiredPaymentActor {
  Acquirer = 'acquirer',
  /** The service at the daily cut-off. */
  Cutoff = 'cutoff',
}

const ACQUIRER: string[] = [AcquiredPaymentActor.Acquirer];
const SETTLERS: string[] = [AcquiredPaymentActor.Acquirer, AcquiredPaymentActor.Cutoff];

export const ACQUIRED_PAYMENT_TABLE: StateTable = new StateTable(
  'acquired-payment',
  [
    AcquiredPaymentState.Authorized,
    AcquiredPaymentState.Declined,
    AcquiredPaymentState.Cancelled,
    AcquiredPaymentState.Settled,
    AcquiredPaymentState.PartlyRefunded,
    AcquiredPaymentState.Refunded,
  ],
  [AcquiredPaymentState.Declined, AcquiredPaymentState.Cancelled, AcquiredPaymentState.Refunded],
  [
    new Transition(
      AcquiredPaymentState.Authorized,
      AcquiredPaymentEvent.Cancel,
      AcquiredPaymentState.Cancelled,
      ACQUIRER,
    ),
    new Transition(
      AcquiredPaymentState.Authorized,
      AcquiredPaymentEvent.Settle,
      AcquiredPaymentState.Settled,
      SETTLERS,
    ),
    new Transition(
      AcquiredPaymentState.Settled,
      AcquiredPaymentEvent.RefundPart,
      AcquiredPaymentState.PartlyRefunded,
      ACQUIRER,
    ),
    new Transition(
      AcquiredPaymentState.Settled,
      AcquiredPaymentEvent.RefundRest,
      AcquiredPaymentState.Refunded,
      ACQUIRER,
    ),
    new Transition(
      AcquiredPaymentState.PartlyRefunded,
      AcquiredPaymentEvent.RefundPart,
      AcquiredPaymentState.PartlyRefunded,
      ACQUIRER,
    ),
    new Transition(
      AcquiredPaymentState.PartlyRefunded,
      AcquiredPaymentEvent.RefundRest,
      AcquiredPaymentState.Refunded,
      ACQUIRER,
    ),
  ],
);

/** The next 00:00 UTC after `authorizedAt` (epoch ms): when an unsettled payment settles by itself. */
export function settlementCutoff(authorizedAt: number): number {
  const day = 86400000;
  return (Math.floor(authorizedAt / day) + 1) * day;
}

/** One refund of a payment: in the merchant's currency and what it gives back in the billing currency. */
export interface AcquiredRefund {
  id: string;
  amount: number;
  billingAmount: number;
  createdAt: number;
}

/**
 * A payment as the acquirer API answers it and notifications carry it. Amounts are integers in minor
 * units of their currency (ISO 4217 alpha code); the rate is units of the billing currency per unit of
 * the merchant's, before the markup (null when both are the same currency).
 */
export interface AcquiredPayment {
  /** The authorization's id. */
  id: string;
  quoteId: string;
  state: AcquiredPaymentState;
  approved: boolean;
  /** APPROVED or the decline code. */
  reason: string;
  /** Registry key of the network the code was routed by ("promptpay"), or the template GUID when unknown. */
  network: string;
  /** The merchant's id in the routed template ('' when the registration covers the whole network). */
  merchantId: string;
  merchantName: string;
  merchantCity: string;
  amount: number;
  currency: string;
  billingAmount: number;
  billingCurrency: string;
  rate: string | null;
  markupBps: number;
  /** YYYY-MM-DD of the rate; null when no conversion. */
  rateDate: string | null;
  refundedAmount: number;
  refundedBillingAmount: number;
  refunds: AcquiredRefund[];
  /** Epoch ms of the cut-off (unsettled) or of the settlement. */
  settlesAt: number;
  createdAt: number;
  updatedAt: number;
}
