/**
 * What people read for an API error (the core's registry gives each code a message key) and for a
 * decline reason, in both languages. A code or key renamed in the core fails to compile here.
 */
import { type ApiMessageKey, apiErrorCodeOf, apiErrorMessageKey } from '@arkpay/core';
import { ApiFailure } from './api';
import { declineSentence } from './decline-text';
import { lang, money } from './i18n';

const ERRORS: Record<ApiMessageKey, [string, string]> = {
  request_invalid: ['The request was not accepted: check the fields.', '请求未被接受：请检查填写的内容。'],
  signed_out: ['This API key is not valid here.', '此 API 密钥在这里无效。'],
  device_unproven: ['The device could not prove who it is.', '设备未能证明其身份。'],
  device_lost: ['The device was reported lost.', '该设备已被报告丢失。'],
  not_found: ['Not found.', '未找到。'],
  token_not_found: ['No such token.', '没有这个令牌。'],
  program_not_found: ['No such card program.', '没有这个卡产品。'],
  authorization_not_found: ['No such authorization.', '没有这笔授权。'],
  webhook_not_set: ['No webhook is set.', '尚未设置 Webhook。'],
  changed_meanwhile: ['It changed meanwhile: refresh and try again.', '数据已被更改：请刷新后重试。'],
  already_done: ['This request was already made.', '此请求已经提交过。'],
  program_invalid: ['The card program is not valid.', '卡产品设置无效。'],
  bin_range_overlap: ['The BIN range overlaps another program’s.', 'BIN 范围与其他卡产品重叠。'],
  token_not_pending: ['The token is not waiting for a decision.', '该令牌不在等待审批。'],
  token_not_active: ['The token is not active.', '该令牌未激活。'],
  device_already_enrolled: ['The device is already enrolled.', '设备已注册。'],
  authorization_not_approved: ['Only an approved payment can be refunded.', '只有已批准的支付可以退款。'],
  already_reversed: ['This payment was reversed.', '这笔支付已撤销。'],
  already_refunded: ['A refunded payment cannot be reversed.', '已退款的支付不能撤销。'],
  refund_exceeds_amount: ['Refunds would exceed the amount paid.', '退款总额将超过支付金额。'],
  event_not_retryable: ['Only an event not delivered can be sent again.', '只有未送达的事件可以重新发送。'],
  quote_expired: ['The quote has expired: scan again for a new one.', '报价已过期：请重新扫码获取报价。'],
  payment_state: ['The payment’s state does not allow this.', '该支付的当前状态不允许此操作。'],
  registration_taken: ['Another acquirer already registered these codes.', '其他收单机构已登记这些二维码。'],
  qr_not_accepted: ['This merchant’s QR code is not accepted here.', '此处不受理该商户二维码。'],
  fx_rate_unavailable: ['No current exchange rate for this currency.', '该币种暂无有效汇率。'],
  too_large: ['The request is too large.', '请求过大。'],
  qr_unreadable: ['The QR code cannot be read.', '无法识别该二维码。'],
  qr_merchant_amount: ['The QR code’s amount does not fit.', '二维码金额不符。'],
  qr_foreign_code: [
    'This code belongs to another payment network: pay it in that network’s app.',
    '这是其他支付网络的二维码：请用该网络的应用支付。',
  ],
  card_invalid: ['The card details are not valid.', '卡片信息无效。'],
  card_expired: ['The card has expired.', '卡片已过期。'],
  card_not_supported: ['No card program covers this card.', '没有支持此卡的卡产品。'],
  otp_wrong: ['Wrong code.', '验证码错误。'],
  currency_unknown: ['This is not an ISO 4217 currency code.', '这不是 ISO 4217 币种代码。'],
  fx_rates_invalid: ['The exchange-rate file is not valid: nothing was loaded.', '汇率文件无效：未载入任何汇率。'],
  slow_down: ['Too many requests: wait a moment.', '请求过多：请稍候。'],
  service_failed: ['The service failed; try again.', '服务出错，请重试。'],
  console_not_built: ['The console is not built.', '控制台尚未构建。'],
};

/** People's words for an error, with its code for support. */
export function errorText(e: unknown): string {
  if (e instanceof ApiFailure) {
    const code = apiErrorCodeOf(e.code);
    const words = code === undefined ? e.message : ERRORS[apiErrorMessageKey(code)][lang() === 'zh' ? 1 : 0];
    return `${words} (${e.code}${code === 'VALIDATION_FAILED' ? `: ${e.message}` : ''})`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** What a sale needs to explain a decline: the amount, its currency, the card's no-CVM limit. */
export interface DeclineContext {
  amount: number;
  currency: string;
  noCvmLimit: number | undefined;
}

/** A decline reason in words, with the figure that caused it where the page knows it (decline-text.ts). */
export function declineText(reason: string, c: DeclineContext): string {
  const amount = money(c.amount, c.currency);
  const limit = c.noCvmLimit === undefined ? '' : money(c.noCvmLimit, c.currency);
  const words = declineSentence(reason, { amount, limit, currency: amount.split(' ')[1] ?? c.currency });
  return words[lang() === 'zh' ? 1 : 0];
}
