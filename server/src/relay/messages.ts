/**
 * Relay wire messages, one JSON object per text frame. The app side is defined in
 * entry/src/main/ets/relay/RelayProtocol.ets (pair {code, secret} → paired, apdu → rapdu, end, error);
 * the POS page side is this service's own: hello {acquirerKey} → code {code, secret, expiresAt} (again
 * whenever they are renewed), paired, unpaired, tap → result, error.
 */
export interface RelayFrame {
  type: string;
  code?: string;
  secret?: string;
  expiresAt?: number;
  retryAfter?: number;
  id?: number;
  hex?: string;
  result?: string;
  reason?: string;
  message?: string;
  amount?: unknown;
  currency?: unknown;
  merchant?: unknown;
  acquirerKey?: unknown;
  tap?: unknown;
}

/** Parses a frame; null for anything that is not a JSON object with a string type (ignored). */
export function parseFrame(data: unknown): RelayFrame | null {
  try {
    const v = JSON.parse(String(data)) as RelayFrame;
    return typeof v === 'object' && v !== null && typeof v.type === 'string' ? v : null;
  } catch {
    return null;
  }
}

export const HEX_APDU = /^([0-9A-Fa-f]{2}){2,}$/;
