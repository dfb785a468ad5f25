/** An event's payload as people read it: money in its currency, times local, ids short. */
import { money, when } from '../i18n';
import type { IssuerEvent } from './types';

export function EventText({ e }: { e: IssuerEvent }) {
  const p = e.payload;
  const parts: string[] = [];
  if (typeof p.amount === 'number' && (typeof p.currency === 'string' || typeof p.currency === 'number'))
    parts.push(money(p.amount, String(p.currency)));
  for (const [k, v] of Object.entries(p)) {
    if (k === 'amount' || k === 'currency' || k === 'tokenId' || v === null || v === '') continue;
    if (typeof v === 'number' && /At$/.test(k)) parts.push(`${k}: ${when(v)}`);
    else parts.push(`${k}: ${String(v)}`);
  }
  return <span class="event-text">{parts.join(' · ')}</span>;
}
