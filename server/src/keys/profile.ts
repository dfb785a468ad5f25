/** Program profile → the core's cryptogram version. Only CVNs whose session key depends on the ATC alone fit pre-derived single-use keys. */
import { Cvn } from '@arkpay/core';

export function cvnOfProfile(profile: string): Cvn {
  // `full` (Mastercard-style full path) uses CVN 18 keys too: M/Chip's MC_SESSION needs the UN in its key.
  return profile === 'visa-cvn22' ? Cvn.VISA_22 : Cvn.VISA_18;
}
