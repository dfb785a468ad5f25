/** Program profile → the core's cryptogram version, from the scheme registry (@arkpay/core/contract). */
import type { Cvn } from '@arkpay/core';
import { profileRow } from '@arkpay/core/contract';

/** The CVN of a stored program's profile; the profile was checked against the registry on creation. */
export function cvnOfProfile(profile: string): Cvn {
  const p = profileRow(profile);
  if (p === null) throw new Error(`program profile ${profile} is not in the scheme registry`);
  return p.cvn;
}
