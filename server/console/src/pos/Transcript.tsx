/** The APDU transcript of a tap: each command named, each answer decoded tag by tag with the core's TLV codec. */
import { decodeTlv, fromHex } from '@arkpay/core';
import { TlvList } from './TlvList';

export interface Exchange {
  /** The kernel's name for the step, e.g. "SELECT PPSE". */
  step: string;
  command: string;
  response: string;
}

const COMMANDS: Record<string, string> = {
  A4: 'SELECT',
  A8: 'GET PROCESSING OPTIONS',
  B2: 'READ RECORD',
  AE: 'GENERATE AC',
  CA: 'GET DATA',
};

function commandName(hex: string): string {
  return COMMANDS[hex.slice(2, 4).toUpperCase()] ?? `INS ${hex.slice(2, 4)}`;
}

function Decoded({ hex }: { hex: string }) {
  if (hex.length === 0) return null;
  try {
    return <TlvList list={decodeTlv(fromHex(hex))} />;
  } catch {
    return <code>{hex}</code>;
  }
}

export function Transcript({ exchanges }: { exchanges: Exchange[] }) {
  return (
    <div data-testid="transcript">
      {exchanges.map((x, i) => {
        const sw = x.response.slice(-4);
        const body =
          x.command.length > 10 ? x.command.slice(10, 10 + Number.parseInt(x.command.slice(8, 10), 16) * 2) : '';
        return (
          <div class="exchange" key={i}>
            <div>
              <span class="cmd">{x.step || commandName(x.command)}</span>{' '}
              <span class={`badge ${sw === '9000' ? 'approved' : 'declined'}`}>{sw}</span>
            </div>
            <div class="muted">
              → <code>{x.command}</code>
            </div>
            {x.command.slice(2, 4) === 'A8' || x.command.slice(2, 4) === 'AE' ? <Decoded hex={body} /> : null}
            <div class="muted">
              ← <code>{x.response}</code>
            </div>
            <Decoded hex={x.response.slice(0, -4)} />
          </div>
        );
      })}
    </div>
  );
}
