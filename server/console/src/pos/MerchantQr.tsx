/** A dynamic merchant-presented QR (EMVCo MPM) for the amount, built by the core and drawn with `qrcode`. */
import { buildMpm, MpmField, MpmSpec, mpmAmountText } from '@arkpay/core';
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';

export interface Merchant {
  name: string;
  city: string;
  mcc: string;
  country: string;
}

/** A dynamic code for `minor` units of the currency numbered `currency`: field 54 by its exponent. */
export function merchantPayload(m: Merchant, minor: number, currency: string): string {
  const spec = new MpmSpec();
  spec.dynamic = true;
  // UnionPay's merchant account primitive (15) with an acquirer IIN + merchant id, as UnionPay QR codes carry.
  spec.accounts = [new MpmField('15', '6200000000001234567890', null)];
  spec.mcc = m.mcc;
  spec.currency = currency;
  spec.amount = mpmAmountText(minor, currency);
  spec.country = m.country;
  spec.name = m.name;
  spec.city = m.city;
  return buildMpm(spec);
}

export function MerchantQr({ payload }: { payload: string }) {
  const [url, setUrl] = useState('');
  useEffect(() => {
    QRCode.toDataURL(payload, { margin: 1, width: 220 }).then(setUrl, () => setUrl(''));
  }, [payload]);
  return (
    <div data-testid="mpm">
      {url === '' ? null : <img src={url} alt="merchant QR" width={220} height={220} />}
      <div class="mono">{payload}</div>
    </div>
  );
}
