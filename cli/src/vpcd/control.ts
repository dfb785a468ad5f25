/** vpcd control messages: a frame with a 1-byte payload is a control, never an APDU (APDUs are ≥ 4 bytes). */
export enum VpcdControl {
  PowerOff = 0x00,
  PowerOn = 0x01,
  Reset = 0x02,
  GetAtr = 0x04,
}

export function isControl(payload: Uint8Array): boolean {
  return payload.length === 1;
}
