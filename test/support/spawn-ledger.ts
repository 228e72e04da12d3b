/**
 * Runs the real CLI (`node dist/services/cli.js serve`) as a child process,
 * for tests that must kill -9 it. Requires a build (scripts/test runs tsc first).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/services/cli.js', import.meta.url));

export interface SpawnedLedger {
  readonly child: ChildProcess;
  readonly url: string;
  stderr(): string;
}

/** Starts `serve` on port 0 and resolves with its URL once it listens. */
export function spawnLedger(
  env: Record<string, string>,
  args: string[] = [],
): Promise<SpawnedLedger> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (scripts/test does)`);
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: { ...process.env, LEDGER_PORT: '0', LEDGER_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ledger did not start: ${err}`)), 20_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ledger exited with ${code}: ${err}`));
    });
  });
}

/** kill -9 and wait for the exit. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
