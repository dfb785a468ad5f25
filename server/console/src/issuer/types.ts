/** The issuer API shapes the console reads: the core's contract, under the console's names. */
export type {
  AuthorizationBilling as Billing,
  AuthorizationRecord as Authorization,
  CardProgram as Program,
  IssuerEvent,
  IssuerToken as Token,
  ProgramLimits as Limits,
  WebhookDelivery as Delivery,
} from '@arkpay/core/contract';
