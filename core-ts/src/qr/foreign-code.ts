/**
 * What a scanned code is before anything tries to pay it: an EMVCo merchant-presented code, an EMVCo
 * consumer-presented code, or a payment code of another network with its own format (a WeChat Pay or
 * Alipay link, a UPI URI, a SEPA credit transfer, a Swiss QR-bill…). The patterns are DATA, one row per
 * format, each from the network's published format (sources in docs/qr.md). A foreign code is named so
 * that people are told which app pays it; it is never read as an EMVCo code and never paid by guessing.
 */

export enum CodeKind {
  /** EMVCo merchant-presented code: starts with the payload format indicator "000201". */
  EmvMpm = 'EMV_MPM',
  /** EMVCo consumer-presented code: base64 of BER-TLV starting 85 05 "CPV01". */
  EmvCpm = 'EMV_CPM',
  /** A payment code of another network, in that network's own format. */
  Foreign = 'FOREIGN',
  /** Nothing this reader knows. */
  Unknown = 'UNKNOWN',
}

export enum ForeignNetwork {
  WeChatPay = 'WECHAT_PAY',
  Alipay = 'ALIPAY',
  UnionPay = 'UNIONPAY',
  Upi = 'UPI',
  PayPay = 'PAYPAY',
  Sbp = 'SBP',
  SepaCreditTransfer = 'SEPA_CREDIT_TRANSFER',
  SwissQrBill = 'SWISS_QR_BILL',
  CzechSpayd = 'CZECH_SPAYD',
  RussianBankTransfer = 'RU_ST00012',
  Bitcoin = 'BITCOIN',
  Ethereum = 'ETHEREUM',
  Lightning = 'LIGHTNING',
}

/** One known foreign format: how to tell it, what it is called and what pays it. */
export class ForeignFormat {
  readonly network: ForeignNetwork;
  /** Display name: "WeChat Pay". */
  readonly name: string;
  /** What people pay it with: "WeChat", "a UPI app", "your bank's app". */
  readonly payWith: string;
  /** Matched against the trimmed text; URL schemes and hosts case-insensitively. */
  readonly patterns: RegExp[];

  constructor(network: ForeignNetwork, name: string, payWith: string, patterns: RegExp[]) {
    this.network = network;
    this.name = name;
    this.payWith = payWith;
    this.patterns = patterns;
  }

  matches(text: string): boolean {
    for (const p of this.patterns) {
      if (p.test(text)) {
        return true;
      }
    }
    return false;
  }
}

/** Line breaks as the text formats allow them: LF or CR LF. */
const NL: string = '\\r?\\n';

export const FOREIGN_FORMATS: ForeignFormat[] = [
  // WeChat Pay: personal collection codes (wxp://) and Native Pay order links (weixin://wxpay/bizpayurl).
  new ForeignFormat(ForeignNetwork.WeChatPay, 'WeChat Pay', 'WeChat', [/^wxp:\/\/\S+$/i, /^weixin:\/\/wxpay\/\S+$/i]),
  // Alipay: collection and order links on qr.alipay.com, and the app's own scheme.
  new ForeignFormat(ForeignNetwork.Alipay, 'Alipay', 'Alipay', [
    /^https?:\/\/qr\.alipay\.com\/\S+$/i,
    /^alipays?:\/\/\S+$/i,
  ]),
  // UnionPay's own (non-EMVCo) QR links, read by UnionPay's Cloud QuickPass and bank apps.
  new ForeignFormat(ForeignNetwork.UnionPay, 'UnionPay QR', 'UnionPay QuickPass or your bank’s app', [
    /^https?:\/\/qr\.95516\.com\/\S+$/i,
  ]),
  // India's UPI: NPCI's upi:// payment URI (pa= payee address).
  new ForeignFormat(ForeignNetwork.Upi, 'UPI (India)', 'a UPI app', [/^upi:\/\/(pay|mandate)\?\S*$/i]),
  // Japan's PayPay: links on qr.paypay.ne.jp.
  new ForeignFormat(ForeignNetwork.PayPay, 'PayPay (Japan)', 'PayPay', [/^https?:\/\/qr\.paypay\.ne\.jp\/\S+$/i]),
  // Russia's Faster Payments System (SBP): NSPK links on qr.nspk.ru.
  new ForeignFormat(ForeignNetwork.Sbp, 'SBP (Russia)', 'your bank’s app', [/^https?:\/\/qr\.nspk\.ru\/\S+$/i]),
  // EPC069-12: "BCD", version 001/002, character set 1-8, identification SCT, one element a line.
  new ForeignFormat(ForeignNetwork.SepaCreditTransfer, 'SEPA credit transfer (EPC QR)', 'your bank’s app', [
    new RegExp(`^BCD${NL}00[12]${NL}[1-8]${NL}SCT(${NL}|$)`),
  ]),
  // Swiss QR-bill: QR type "SPC", version "0200", coding type 1, one element a line.
  new ForeignFormat(ForeignNetwork.SwissQrBill, 'Swiss QR-bill', 'your bank’s app', [
    new RegExp(`^SPC${NL}0200${NL}1${NL}`),
  ]),
  // Czech Short Payment Descriptor (QR Platba): "SPD*1.0*" then KEY:VALUE pairs separated by "*".
  new ForeignFormat(ForeignNetwork.CzechSpayd, 'Czech QR Platba (SPAYD)', 'your bank’s app', [/^SPD\*1\.0\*/]),
  // GOST R 56042-2014: "ST0001" + character set 1-3, then "|Name=…|PersonalAcc=…".
  new ForeignFormat(ForeignNetwork.RussianBankTransfer, 'Russian bank transfer (GOST R 56042)', 'your bank’s app', [
    /^ST0001[123]\|/,
  ]),
  // BIP 21 bitcoin: URIs; EIP-681 ethereum: URIs; BOLT 11 Lightning invoices, bare or as lightning: URIs.
  new ForeignFormat(ForeignNetwork.Bitcoin, 'Bitcoin', 'a Bitcoin wallet', [/^bitcoin:\S+$/i]),
  new ForeignFormat(ForeignNetwork.Ethereum, 'Ethereum', 'an Ethereum wallet', [/^ethereum:\S+$/i]),
  new ForeignFormat(ForeignNetwork.Lightning, 'Bitcoin Lightning', 'a Lightning wallet', [
    /^lightning:\S+$/i,
    /^ln(bc|tb|bcrt)[0-9]*[munp]?1[02-9ac-hj-np-z]+$/i,
  ]),
];

/** What a scanned text is, with words for people. */
export class ScannedCode {
  readonly kind: CodeKind;
  /** The network of a foreign code, null otherwise. */
  readonly network: ForeignNetwork | null;
  /** Display name: "EMVCo merchant QR", "WeChat Pay". */
  readonly name: string;
  /** What pays a foreign code ("WeChat"), '' otherwise. */
  readonly payWith: string;
  /** For people: "This is a WeChat Pay code: pay it in WeChat." */
  readonly reason: string;

  constructor(kind: CodeKind, network: ForeignNetwork | null, name: string, payWith: string, reason: string) {
    this.kind = kind;
    this.network = network;
    this.name = name;
    this.payWith = payWith;
    this.reason = reason;
  }
}

/** 85 05 "CPV01" in base64: the first 6 bytes and the high 6 bits of the seventh. */
const CPM_PREFIX: string = 'hQVDUFYwM';

/** Says what `text` is; it never throws and never reads a foreign code as an EMVCo one. */
export function recogniseCode(text: string): ScannedCode {
  const t = text.trim();
  for (const f of FOREIGN_FORMATS) {
    if (f.matches(t)) {
      const reason = `This is a ${f.name} code: pay it in ${f.payWith}.`;
      return new ScannedCode(CodeKind.Foreign, f.network, f.name, f.payWith, reason);
    }
  }
  if (t.startsWith('000201')) {
    return new ScannedCode(CodeKind.EmvMpm, null, 'EMVCo merchant QR', '', 'An EMVCo merchant-presented code.');
  }
  if (t.startsWith(CPM_PREFIX)) {
    return new ScannedCode(
      CodeKind.EmvCpm,
      null,
      'EMVCo consumer QR',
      '',
      'This is a customer’s payment code: a merchant scans it, a wallet does not pay it.',
    );
  }
  return new ScannedCode(CodeKind.Unknown, null, '', '', 'Not a payment code this wallet knows.');
}

/** The foreign format of `text`, or null (EMVCo or unknown). */
export function foreignCode(text: string): ScannedCode | null {
  const s = recogniseCode(text);
  return s.kind === CodeKind.Foreign ? s : null;
}
