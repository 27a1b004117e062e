// The progress bar of `visit screen`: on stderr, only when stderr is a terminal. It shows counts,
// speed and time left, never a record's content. Its CR and ESC are markers (terminal-text.ts)
// that the stderr writer turns into the real characters.

import type { OutStream } from './context';
import type { Style } from './style';
import { OWN_CR, OWN_ESC } from './terminal-text';

const REDRAW_MS = 200;
const BAR = 24;

export class Progress {
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: OutStream,
    private readonly style: Style,
    /** Input size in bytes, when known (a file): gives a percentage and an ETA. */
    private readonly totalBytes: number | undefined,
  ) {}

  /** Redraws at most every REDRAW_MS. */
  update(rows: number, bytes: number): void {
    const now = performance.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? rows / seconds : 0;
    let text = `screening ${rows.toLocaleString('en-US')} rows  ${Math.round(rate).toLocaleString('en-US')} rows/s`;
    if (this.totalBytes !== undefined && this.totalBytes > 0) {
      const fraction = Math.min(1, bytes / this.totalBytes);
      const filled = Math.round(fraction * BAR);
      const bar = this.style.ok('█'.repeat(filled)) + this.style.dim('░'.repeat(BAR - filled));
      const eta = fraction > 0 ? (seconds / fraction) * (1 - fraction) : undefined;
      text = `${bar} ${String(Math.floor(fraction * 100)).padStart(3)}%  ${text}${eta === undefined ? '' : `  ETA ${duration(eta)}`}`;
    }
    this.stream.write(`${OWN_CR}${text}${OWN_ESC}[K`);
    this.drawn = true;
  }

  /** Clears the bar, so the summary starts on a clean line. */
  finish(): void {
    if (this.drawn) this.stream.write(`${OWN_CR}${OWN_ESC}[K`);
  }
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m < 60 ? `${m}m${String(s).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
