/**
 * How a command prints: `--json` gives one JSON document on stdout for scripts; otherwise text for
 * people, coloured only when stdout is a terminal (and NO_COLOR is unset).
 */
import type { Command } from 'commander';

type Paint = (s: string) => string;

const sgr =
  (open: number, close: number): ((on: boolean) => Paint) =>
  (on) =>
  (s) =>
    on ? `\u001b[${open}m${s}\u001b[${close}m` : s;

const bold = sgr(1, 22);
const dim = sgr(2, 22);
const red = sgr(31, 39);
const green = sgr(32, 39);
const yellow = sgr(33, 39);
const cyan = sgr(36, 39);

export class Output {
  readonly json: boolean;
  readonly colour: boolean;
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;

  constructor(json: boolean, colour: boolean) {
    this.json = json;
    this.colour = colour && !json;
    this.bold = bold(this.colour);
    this.dim = dim(this.colour);
    this.red = red(this.colour);
    this.green = green(this.colour);
    this.yellow = yellow(this.colour);
    this.cyan = cyan(this.colour);
  }

  /** The options every command inherits from the program (`--json`, `--no-color`). */
  static of(cmd: Command): Output {
    const o = cmd.optsWithGlobals<{ json?: boolean; color?: boolean }>();
    const tty = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
    return new Output(o.json === true, tty && o.color !== false);
  }

  line(text = ''): void {
    process.stdout.write(`${text}\n`);
  }

  /** Prints `data` as JSON in --json mode, otherwise runs the human renderer. */
  result(data: unknown, human: () => void): void {
    if (this.json) this.line(JSON.stringify(data, null, 2));
    else human();
  }
}
