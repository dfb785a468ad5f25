/** What `npm start` prints: where the service is, and the secrets created on this start (once). */
import type { RunningServer } from './server';

/** What the banner shows of a start (one process, or the primary of several: workers.ts). */
export type StartedService = Pick<RunningServer, 'url' | 'openapiUrl' | 'config' | 'adminKey' | 'demo' | 'demoRates'>;

export function startBanner(s: StartedService): string {
  const lines = [
    `ArkPay token service listening on ${s.url}`,
    `  OpenAPI document: ${s.openapiUrl}`,
    `  health: ${s.url}/healthz`,
  ];
  const db = s.config.databaseUrl.startsWith('sqlite:') ? s.config.databaseUrl : 'postgres (DATABASE_URL)';
  lines.push(`  database: ${db}`);
  if (s.adminKey !== undefined) lines.push('', `  admin key (shown once, keep it): ${s.adminKey}`);
  if (s.demo !== undefined) {
    lines.push(
      '',
      '  demo data seeded (keys shown once):',
      `    issuer   ${s.demo.issuerId}  key ${s.demo.issuerKey}`,
      `    acquirer ${s.demo.acquirerId}  key ${s.demo.acquirerKey}`,
      `    program  ${s.demo.programId}  (Visa CVN 18, BIN 476173, token BIN 489537, CNY)`,
      `    program  ${s.demo.fullProgramId}  (Mastercard full path, CVN 18 keys, BIN 541333, token BIN 535110, CNY)`,
    );
  }
  if (s.demoRates) {
    lines.push(
      '',
      '  exchange rates: DEMO RATES, not real ones (source "demo", EUR base, dated today): a payment in',
      '    USD CNY JPY KWD RUB THB HKD GBP SGD KRW MYR AUD CHF converts at them.',
      '    Load real ones: `arkpay fx load eurofxref-daily.xml` (ECB XML or CSV) replaces them for good.',
    );
  }
  if (s.demo === undefined && s.config.seedDemo) {
    lines.push('', '  demo keys were shown when they were created; `npm start -- --new-demo-keys` issues new ones');
  }
  return lines.join('\n');
}
