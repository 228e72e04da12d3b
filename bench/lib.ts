/** Shared benchmark helpers: child servers, body templates with unique ids, printing. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export function benchDir(): string {
  return mkdtempSync(join(tmpdir(), 'audit-ledger-bench-'));
}

export interface ChildServer {
  readonly child: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/** Spawns `node <script> ...args` and waits for "listening on URL" on stderr. */
export function spawnServer(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m?.[1]) {
        resolve({
          child,
          url: m[1],
          stop: () =>
            new Promise<void>((r) => {
              if (child.exitCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${err}`)));
  });
}

/**
 * A body template whose UUID strings are rewritten for every request, so each
 * request carries new events (the ledger is idempotent: repeating a body would
 * only measure the duplicate path). Rewrites the last 12 hex digits in place.
 */
export class UniqueBodies {
  private readonly offsets: number[] = [];
  private counter = 0;

  constructor(
    private readonly template: Buffer,
    ids: readonly string[],
    private readonly salt: number,
  ) {
    let from = 0;
    for (const id of ids) {
      const at = template.indexOf(id, from, 'latin1');
      if (at < 0) throw new Error(`id ${id} not found in template`);
      this.offsets.push(at + 24);
      from = at + 36;
    }
  }

  next(): Buffer {
    const b = Buffer.from(this.template);
    for (const off of this.offsets) {
      const n = ++this.counter;
      const hex = (this.salt * 2 ** 40 + n).toString(16).padStart(12, '0').slice(-12);
      b.write(hex, off, 'latin1');
    }
    return b;
  }
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** A fraction as a percentage, e.g. 0.341 → "34.1 %". */
export function pct(f: number): string {
  return `${(f * 100).toFixed(1)} %`;
}

/** The machine and its load, for a benchmark's conditions line. */
export function machineConditions(loadAtStart: number): string {
  return (
    `Node ${process.version}, ${cpus().length} CPUs, load average ${loadAtStart.toFixed(1)} at start / ` +
    `${(loadavg()[0] ?? 0).toFixed(1)} at end`
  );
}

/** The value of `--name=VALUE` on the command line, if given. */
export function argString(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** A positive integer `--name=N` from the command line, if given (an error names a bad one). */
export function argValue(name: string): number | undefined {
  const raw = argString(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}
