/**
 * Scheme profiles: what the card asks the reader for (PDOL, CDOL1, CDOL2) and how it answers GPO.
 * Fast path (Visa qVSDC, UnionPay qUICS): cryptogram in the GPO response. Full path (Mastercard
 * style): GPO returns AIP‖AFL, records carry 5A, 5F24, 8C, 8D and GENERATE AC returns the cryptogram.
 */
import { DolEntry, encodeDol } from '../dol';
import { fromHex } from '../hex';
import { CardProfile } from './wallet-card';

export class ProfileSpec {
  readonly pdol: DolEntry[];
  readonly pdolBytes: Uint8Array;
  readonly cdol1: DolEntry[];
  readonly cdol1Bytes: Uint8Array;
  readonly cdol2Bytes: Uint8Array;
  readonly aip: Uint8Array;
  /** SFI‖first‖last‖offline-auth-count entries; empty on the fast path. */
  readonly afl: Uint8Array;

  constructor(pdol: DolEntry[], cdol1: DolEntry[], cdol2: DolEntry[], aip: string, afl: string) {
    this.pdol = pdol;
    this.pdolBytes = encodeDol(pdol);
    this.cdol1 = cdol1;
    this.cdol1Bytes = encodeDol(cdol1);
    this.cdol2Bytes = encodeDol(cdol2);
    this.aip = fromHex(aip);
    this.afl = fromHex(afl);
  }
}

/** The terminal data every ARQC covers (EMV Book 2 recommended minimum set), in ARQC input order. */
const TERMINAL_DATA: DolEntry[] = [
  new DolEntry(0x9f02, 6),
  new DolEntry(0x9f03, 6),
  new DolEntry(0x9f1a, 2),
  new DolEntry(0x95, 5),
  new DolEntry(0x5f2a, 2),
  new DolEntry(0x9a, 3),
  new DolEntry(0x9c, 1),
  new DolEntry(0x9f37, 4),
];

const FAST_PDOL: DolEntry[] = [new DolEntry(0x9f66, 4)].concat(TERMINAL_DATA);
const FULL_PDOL: DolEntry[] = [new DolEntry(0x9f66, 4)];
const FULL_CDOL1: DolEntry[] = TERMINAL_DATA.concat([new DolEntry(0x9f35, 1), new DolEntry(0x9f34, 3)]);
const FULL_CDOL2: DolEntry[] = [
  new DolEntry(0x8a, 2),
  new DolEntry(0x91, 10),
  new DolEntry(0x95, 5),
  new DolEntry(0x9f37, 4),
];

/** AIP byte 2 bit 8: contactless EMV mode. Full path adds cardholder verification and terminal risk management. */
const FAST: ProfileSpec = new ProfileSpec(FAST_PDOL, [], [], '0080', '');
/** AFL: SFI 1 record 1 (track 2), SFI 2 record 1 (PAN, expiry, CDOLs); no offline data authentication. */
const FULL: ProfileSpec = new ProfileSpec(FULL_PDOL, FULL_CDOL1, FULL_CDOL2, '1880', '0801010010010100');

export function profileSpec(profile: CardProfile): ProfileSpec {
  return profile === CardProfile.MastercardFull ? FULL : FAST;
}
