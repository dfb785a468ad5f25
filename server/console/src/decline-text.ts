/**
 * Every authorization reason in words, in English and Chinese: one row per reason of the core's closed
 * set (a reason added there is a compile error here until it has its sentence), plus the two outcomes
 * the POS page meets before any authorization (the kernel asking for the phone, a consumer QR used
 * twice). Pure: the caller formats the figures (amount, limit, currency) in the reader's language.
 */
import type { AuthorizationReason } from '@arkpay/core/contract';

/** The figures a sentence may name, already formatted for people. */
export interface DeclineFigures {
  amount: string;
  limit: string;
  currency: string;
}

type Sentence = (f: DeclineFigures) => [string, string];

const issuerDeclined: Sentence = () => ['The issuer declined the payment.', '发卡机构拒绝了这笔支付。'];
const cvmRequired: Sentence = (f) => [
  `${f.amount} is over the no-CVM limit${f.limit === '' ? '' : ` of ${f.limit}`}: the owner must verify on the phone.`,
  `${f.amount} 超过免验证限额${f.limit === '' ? '' : ` ${f.limit}`}：持卡人需在手机上验证。`,
];
const replay: Sentence = () => ['This payment data was already used (a replay).', '这次支付数据已用过（重放）。'];

export const DECLINE_SENTENCES: Record<AuthorizationReason | 'KERNEL_SEE_PHONE' | 'QR_CPM_USED', Sentence> = {
  APPROVED: () => ['The payment was approved.', '支付已批准。'],
  TOKEN_UNKNOWN: () => ['The card is not known to the token service.', '令牌服务不认识这张卡。'],
  CRYPTOGRAM_INVALID: () => ['The card’s cryptogram did not verify.', '卡片密文校验失败。'],
  CARD_DECLINED: () => [
    'The card itself declined (it did not ask to go online).',
    '卡片自身拒绝了交易（未请求联机授权）。',
  ],
  CVM_MISMATCH: () => [
    'The card claimed a verification on the phone that its data does not confirm.',
    '卡片声称已在手机上验证，但其数据无法证实。',
  ],
  ATC_REPLAYED: replay,
  ATC_NOT_ISSUED: () => [
    'The card used a payment key the service never handed out.',
    '卡片使用了令牌服务从未发放的支付密钥。',
  ],
  CURRENCY_MISMATCH: (f) => [
    `The consumer QR code was made for another currency than ${f.currency}.`,
    `该付款码是为 ${f.currency} 以外的币种生成的。`,
  ],
  TOKEN_SUSPENDED: () => ['The card is suspended by its issuer.', '该卡已被发卡机构暂停。'],
  TOKEN_NOT_ACTIVE: () => ['The card cannot pay (deleted or not active).', '该卡不可用（已删除或未激活）。'],
  TOKEN_EXPIRED: () => ['The card has expired.', '该卡已过期。'],
  DOMAIN_NOT_ALLOWED: () => ['The card is not allowed for this kind of payment.', '该卡不允许这种支付方式。'],
  CURRENCY_NOT_SUPPORTED: (f) => [`The card program cannot bill ${f.currency}.`, `该卡产品无法以 ${f.currency} 计费。`],
  AMOUNT_OVER_LIMIT: (f) => [
    `${f.amount} is over the program’s limit per payment (in its billing currency).`,
    `${f.amount} 超过该卡产品的单笔限额（按其账单币种计）。`,
  ],
  CVM_REQUIRED: cvmRequired,
  DAILY_LIMIT_EXCEEDED: (f) => [
    `With ${f.amount} the day’s limit would be exceeded.`,
    `加上 ${f.amount} 将超过每日限额。`,
  ],
  VELOCITY_EXCEEDED: () => ['Too many payments this hour for this card.', '本小时的支付笔数已达上限。'],
  ISSUER_DECLINED: issuerDeclined,
  FX_RATE_MISSING: (f) => [
    `The service has no exchange rate from ${f.currency} to the card’s billing currency.`,
    `令牌服务没有从 ${f.currency} 到该卡账单币种的汇率。`,
  ],
  FX_RATE_STALE: (f) => [
    `The exchange rate from ${f.currency} is too old for the card program: load new rates.`,
    `${f.currency} 的汇率对该卡产品来说已过期：请载入新汇率。`,
  ],
  KERNEL_SEE_PHONE: cvmRequired,
  QR_CPM_USED: replay,
};

/** A reason in words ([English, Chinese]); a reason outside the set is the issuer's own decline. */
export function declineSentence(reason: string, f: DeclineFigures): [string, string] {
  const s = (DECLINE_SENTENCES as Record<string, Sentence>)[reason];
  return (s ?? issuerDeclined)(f);
}
