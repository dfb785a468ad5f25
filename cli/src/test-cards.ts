/**
 * Test cards and amounts: the inputs that drive each ID&V path and each decline reason the demo
 * program (CNY; no-CVM limit 300.00, 5000.00 per payment, 20000.00 a day, 60 payments an hour) can
 * give (and the velocity limit, with a program of its own), like a card processor's test-card table. Each row starts from a fresh wallet (a new working
 * directory), runs its steps in order, and ends with `result`: a token state, an authorization reason
 * or an error code. `arkpay test-cards` prints it; cli/test/test-cards.test.ts runs every row.
 */

export interface Step {
  command: string;
  times: number;
}

export interface TestCard {
  what: 'ID&V' | 'decline' | 'approve';
  steps: Step[];
  result: string;
  note: string;
}

const once = (command: string): Step => ({ command, times: 1 });

/** Dynamic merchant QR codes (`arkpay qr make --name ArkPayDemo --city Shenzhen --account 15=6200000000001234 --amount …`). */
export const MPM_300_01 =
  '000201010212151662000000000012345204541153031565406300.015802CN5910ArkPayDemo6008Shenzhen6304B745';
export const MPM_12_50 =
  '00020101021215166200000000001234520454115303156540512.505802CN5910ArkPayDemo6008Shenzhen6304AD80';
/** The same merchant's static code (no amount). */
export const MPM_STATIC = '000201010211151662000000000012345204541153031565802CN5910ArkPayDemo6008Shenzhen63049008';

/** `TOKEN_ID` in a step is the token id of the wallet's first card. */
export const TOKEN = 'TOKEN_ID';
/** `CPM_PAYLOAD` in a step is the code the last `arkpay qr cpm` printed. */
export const CPM = 'CPM_PAYLOAD';

export const TEST_CARDS: readonly TestCard[] = [
  {
    what: 'ID&V',
    steps: [once('arkpay wallet add-card --pan 4761739001010119 --risk 0')],
    result: 'active',
    note: 'green (risk 0-30): provisioned at once',
  },
  {
    what: 'ID&V',
    steps: [once('arkpay wallet add-card --pan 4761739001010119 --risk 50')],
    result: 'requested',
    note: 'yellow (31-70): one-time code step-up (token.otp event, then `arkpay wallet otp CODE`)',
  },
  {
    what: 'ID&V',
    steps: [once('arkpay wallet add-card --pan 4761739001010119 --risk 90')],
    result: 'declined',
    note: 'red (71-100): declined',
  },
  {
    what: 'ID&V',
    steps: [once('arkpay wallet add-card --pan 4000000000000002')],
    result: 'CARD_NOT_SUPPORTED',
    note: 'no program covers the card number',
  },
  {
    what: 'approve',
    steps: [once('arkpay tap --amount 12.50')],
    result: 'APPROVED',
    note: 'Visa-style demo card 4761739001010119, fast path',
  },
  {
    what: 'approve',
    steps: [once('arkpay tap --profile full --amount 12.50')],
    result: 'APPROVED',
    note: 'Mastercard-style card 5413330089020011, full path',
  },
  {
    what: 'approve',
    steps: [once('arkpay tap --amount 300.01')],
    result: 'APPROVED',
    note: 'above the no-CVM limit, owner verified',
  },
  {
    what: 'decline',
    steps: [once('arkpay tap --amount 300.01 --no-verify')],
    result: 'KERNEL_SEE_PHONE',
    note: 'above the no-CVM limit, owner not verified: the kernel asks the payer to verify on the phone, no authorization',
  },
  {
    what: 'decline',
    steps: [once('arkpay tap --amount 5000.01')],
    result: 'AMOUNT_OVER_LIMIT',
    note: 'above the per-payment limit',
  },
  {
    what: 'approve',
    steps: [once('arkpay tap --amount 1500 --currency RUB')],
    result: 'APPROVED',
    note: 'a rouble terminal: billed in CNY at the rate table (`npm start` seeds demo rates)',
  },
  {
    what: 'decline',
    steps: [once('arkpay tap --amount 100 --currency ISK')],
    result: 'FX_RATE_MISSING',
    note: 'no rate between the payment currency and CNY in the table (the demo rates have no ISK)',
  },
  {
    what: 'decline',
    steps: [{ command: 'arkpay tap --amount 5000.00', times: 4 }, once('arkpay tap --amount 0.01')],
    result: 'DAILY_LIMIT_EXCEEDED',
    note: 'over 20000.00 approved in 24 hours',
  },
  {
    what: 'decline',
    steps: [
      once('arkpay programs create --name OnePerHour --bin 476175 --token-bin 489539 --velocity 1'),
      once('arkpay tap --pan 4761750000000001 --amount 1.00'),
      once('arkpay tap --amount 1.00'),
    ],
    result: 'VELOCITY_EXCEEDED',
    note: 'more payments within an hour than the program allows (here a program of 1 an hour)',
  },
  {
    what: 'decline',
    steps: [once('arkpay tap --amount 1.00'), once(`arkpay tokens suspend ${TOKEN}`), once('arkpay tap --amount 1.00')],
    result: 'TOKEN_SUSPENDED',
    note: 'the issuer suspended the token (`arkpay wallet cards` shows its id)',
  },
  {
    what: 'approve',
    steps: [once('arkpay qr cpm'), once(`arkpay authorizations cpm ${CPM} --amount 12.50`)],
    result: 'APPROVED',
    note: 'consumer QR, paid once by the merchant',
  },
  {
    what: 'decline',
    steps: [
      once('arkpay qr cpm'),
      once(`arkpay authorizations cpm ${CPM} --amount 12.50`),
      once(`arkpay authorizations cpm ${CPM} --amount 12.50`),
    ],
    result: 'ATC_REPLAYED',
    note: 'the same consumer QR paid twice',
  },
  {
    what: 'decline',
    steps: [once('arkpay qr cpm --currency USD'), once(`arkpay authorizations cpm ${CPM} --amount 12.50`)],
    result: 'CURRENCY_MISMATCH',
    note: 'the consumer QR was made for another currency than the sale',
  },
  {
    what: 'approve',
    steps: [once(`arkpay qr pay ${MPM_12_50}`)],
    result: 'APPROVED',
    note: 'merchant QR, amount in the code',
  },
  {
    what: 'approve',
    steps: [once(`arkpay qr pay ${MPM_STATIC} --amount 12.50`)],
    result: 'APPROVED',
    note: 'static merchant QR, amount from the payer',
  },
  {
    what: 'decline',
    steps: [once(`arkpay qr pay ${MPM_300_01} --no-verify`)],
    result: 'CVM_REQUIRED',
    note: 'merchant QR above the no-CVM limit, owner not verified',
  },
];

/** A step as written in the table: "4 × arkpay …" for repeats. */
export function stepText(s: Step): string {
  return s.times === 1 ? s.command : `${s.times} × ${s.command}`;
}
