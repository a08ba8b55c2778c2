/**
 * A progress bar on stderr for long runs, drawn only when stderr is a terminal, at most 10 times a
 * second, and erased when done.
 */
export class ProgressBar {
  private last = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - this.label.length - 30));
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const full = Math.round(frac * width);
    this.stream.write(`\r${this.label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${this.total}`);
    this.shown = true;
  }

  finish(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
