/** A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes or CI logs). */
export class Progress {
  private readonly total: number;
  private done = 0;
  private readonly live: boolean;

  constructor(total: number, enabled = true) {
    this.total = total;
    this.live = enabled && process.stderr.isTTY === true;
  }

  step(label: string): void {
    this.done = Math.min(this.total, this.done + 1);
    if (!this.live) return;
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    process.stderr.write(`\r\u001b[2K${bar} ${this.done}/${this.total} ${label}`);
  }

  finish(): void {
    if (this.live) process.stderr.write('\r\u001b[2K');
  }
}
