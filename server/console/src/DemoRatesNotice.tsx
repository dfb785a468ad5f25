/**
 * The notice that payments in another currency convert at demo exchange rates (`npm start` seeds them
 * until the operator loads real ones): shown on the issuer and POS pages while the current rate table's
 * source is "demo". Read with the page's own key (issuer or acquirer); nothing shown without one.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { t } from './i18n';

export function DemoRatesNotice({ who, apiKey }: { who: 'issuer' | 'acquirer'; apiKey: string }) {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    api<{ tables: { source: string }[] }>('GET', `/v1/${who}/fx/rates`, undefined, apiKey)
      .then((r) => {
        if (live) setDemo(r.tables.some((x) => x.source === 'demo'));
      })
      .catch(() => {
        // A wrong key is said where the page uses it; the notice just stays away.
        if (live) setDemo(false);
      });
    return () => {
      live = false;
    };
  }, [who, apiKey]);
  if (!demo) return null;
  return (
    <p class="notice" role="note" data-testid="demo-rates">
      {t('demo_rates_notice')}
    </p>
  );
}
