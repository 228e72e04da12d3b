/**
 * Progress of a long verification on stderr: a redrawn bar when stderr is a
 * terminal, otherwise a plain line every few seconds (for logs and CI).
 */

/** Reports progress; `finish` ends the line. */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  readonly label: string;
  /** seconds between plain lines when not a terminal (default 5) */
  readonly plainIntervalSeconds?: number;
  /** report nothing */
  readonly quiet?: boolean;
}

const BAR = 30;

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A progress reporter on `stream` (default stderr). */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const started = performance.now();
  const tty = stream.isTTY;
  const every = (tty ? 0.1 : (options.plainIntervalSeconds ?? 5)) * 1000;
  let last = started;
  let drawn = false;
  if (options.quiet === true) return { update: () => undefined, finish: () => undefined };
  const line = (done: number, total: number): string => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    const figures = `${count(done)}/${count(total)} entries  ${count(rate)}/s  ETA ${eta.toFixed(0)} s`;
    if (!tty) return `${options.label}: ${(fraction * 100).toFixed(1)} % ${figures}\n`;
    const filled = Math.round(fraction * BAR);
    return `\r${options.label} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${(fraction * 100).toFixed(1).padStart(5)} % ${figures}  `;
  };
  return {
    update(done, total) {
      const now = performance.now();
      // a terminal also gets the final state; a log only gets lines every few seconds
      if (now - last < every && (!tty || done < total)) return;
      last = now;
      stream.write(line(done, total));
      drawn = true;
    },
    finish() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
