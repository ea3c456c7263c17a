/**
 * A progress bar for command-line tools, on stderr, without dependencies. On a terminal it
 * redraws one line in place (at most every `intervalMs`) and prints messages above it; when the
 * stream is not a terminal (CI, a pipe, a file) it prints plain lines only: the messages, and no
 * bar.
 *
 *   ingest [██████████░░░░░░░░░░░░░░]  12/30  41%  kb/guide-reels.md
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressState {
  done: number;
  total: number;
  /** 0 to 1 (default done / total). */
  fraction?: number;
  detail?: string;
}

const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\u001B[2K';

export class TerminalProgressBar {
  private state: ProgressState = { done: 0, total: 0 };
  private lastDrawAt = 0;
  private drawn = false;
  private readonly interactive: boolean;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    private readonly options: { intervalMs?: number; now?: () => number } = {},
  ) {
    this.interactive = stream.isTTY === true;
  }

  get isInteractive(): boolean {
    return this.interactive;
  }

  update(state: ProgressState): void {
    this.state = state;
    if (!this.interactive) return;
    const now = (this.options.now ?? Date.now)();
    if (this.drawn && now - this.lastDrawAt < (this.options.intervalMs ?? 100)) return;
    this.lastDrawAt = now;
    this.draw();
  }

  /** A line above the bar (on a terminal) or a plain line (otherwise). */
  log(line: string): void {
    if (this.interactive && this.drawn) this.stream.write(CLEAR_LINE);
    this.stream.write(`${line}\n`);
    if (this.interactive && this.drawn) this.draw();
  }

  /** Draws the final state and ends the bar's line. */
  finish(): void {
    if (!this.interactive) return;
    this.draw();
    this.stream.write('\n');
    this.drawn = false;
  }

  render(state: ProgressState = this.state): string {
    const { done, total } = state;
    const fraction = Math.min(1, Math.max(0, state.fraction ?? (total === 0 ? 1 : done / total)));
    const filled = Math.round(fraction * BAR_WIDTH);
    const counter = `${String(done).padStart(String(total).length)}/${total}`;
    const head = `${this.label} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${counter} ${String(Math.floor(fraction * 100)).padStart(3)}%`;
    if (!state.detail) return head;
    const room = (this.stream.columns ?? 100) - head.length - 3;
    if (room < 8) return head;
    const detail = state.detail.length > room ? `…${state.detail.slice(state.detail.length - room + 1)}` : state.detail;
    return `${head}  ${detail}`;
  }

  private draw(): void {
    this.stream.write(`${CLEAR_LINE}${this.render()}`);
    this.drawn = true;
  }
}
