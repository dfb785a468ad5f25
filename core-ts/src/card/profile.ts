/**
 * Scheme profiles: what the card asks the reader for (PDOL, CDOL1, CDOL2) and how it answers GPO.
 * Fast path (Visa qVSDC, UnionPay qUICS): cryptogram in the GPO response, and an AFL to one short
 * record (5F24, 9F07), as cloud-based qVSDC cards answer (docs/emv.md). Full path (Mastercard style):
 * GPO returns AIP‖AFL, records carry 57, 5A, 5F24, 5F34, 8C, 8D, 8E and GENERATE AC the cryptogram.
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
  /** SFI<<3‖first‖last‖offline-auth-count entries. */
  readonly afl: Uint8Array;
  /** Cardholder verification method list (8E), empty when the AIP says CV is not supported. */
  readonly cvmList: Uint8Array;

  constructor(pdol: DolEntry[], cdol1: DolEntry[], cdol2: DolEntry[], aip: string, afl: string, cvmList: string) {
    this.pdol = pdol;
    this.pdolBytes = encodeDol(pdol);
    this.cdol1 = cdol1;
    this.cdol1Bytes = encodeDol(cdol1);
    this.cdol2Bytes = encodeDol(cdol2);
    this.aip = fromHex(aip);
    this.afl = fromHex(afl);
    this.cvmList = fromHex(cvmList);
  }

  /** AIP byte 1 bit 5: cardholder verification is supported (then the card carries a CVM List). */
  supportsCardholderVerification(): boolean {
    return (this.aip[0] & 0x10) !== 0;
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

/**
 * CVM List (EMV Book 3 C3): amounts X = Y = 0, then 1E03 signature and 1F03 no CVM required, each "if the
 * terminal supports the CVM". The wallet verifies its owner on the device (CDCVM, reported in the IAD and
 * CTQ), so the list offers only what a terminal can do without the card; no online PIN, which the token
 * service does not verify; no offline PIN, which the applet cannot check.
 */
const FULL_CVM_LIST: string = '0000000000000000' + '1E03' + '1F03';

/**
 * AIP byte 2 bit 8: contactless EMV mode; no cardholder verification on the card side (CDCVM is the
 * device's). AFL: SFI 1 record 1, no offline data authentication.
 */
const FAST: ProfileSpec = new ProfileSpec(FAST_PDOL, [], [], '0080', '08010100', '');
/**
 * AIP 1880: cardholder verification supported (so a CVM List), terminal risk management, EMV mode.
 * AFL: SFI 1 record 1 (track 2), SFI 2 record 1 (PAN, expiry, PSN, CDOLs, CVM List); no offline data
 * authentication.
 */
const FULL: ProfileSpec = new ProfileSpec(FULL_PDOL, FULL_CDOL1, FULL_CDOL2, '1880', '0801010010010100', FULL_CVM_LIST);

export function profileSpec(profile: CardProfile): ProfileSpec {
  return profile === CardProfile.MastercardFull ? FULL : FAST;
}
