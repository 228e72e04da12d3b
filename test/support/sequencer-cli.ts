/**
 * Helpers for the sequencer's end-to-end tests: running the real, built CLI
 * (`node dist/services/cli.js`, as scripts/test builds it first) and reading
 * what the tests need from a data directory.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import { decodeAuditEvent } from '../../ledger/events/index.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import { CLI } from './spawn-ledger.js';

/** What a CLI run printed and how it ended. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `audit-ledger ARGS...` (the built CLI) to completion. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (scripts/test does)`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The verifier key of a data directory's signing key. */
export function verifierKeyOf(dataDir: string): string {
  return parsePrivateKey(readFileSync(join(dataDir, 'signing-key'), 'utf8').trim()).verifierKey();
}

/** Tree sizes of the CheckpointSigned events among stored events, in log order. */
export function checkpointSizesIn(events: readonly StoredEvent[]): number[] {
  return events
    .filter((e) => e.type === 'checkpoint_signed')
    .map((e) => Number(decodeAuditEvent(e.data).message.checkpointSigned?.treeSize ?? -1));
}
