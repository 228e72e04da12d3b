/**
 * Shared pieces of the connector tests: a SQLite event store in a fresh
 * temporary directory, and polling until a condition holds.
 */
import { join } from 'node:path';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { tempDir } from './ledger-server.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A store in a new temporary directory (closed in teardown); `dir` holds the checkpoint file too. */
export function openTempStore(t: Teardown): {
  store: SqliteEventStore;
  dir: string;
  checkpointsPath: string;
} {
  const dir = tempDir('audit-ledger-connector-');
  const store = openSqliteEventStore({ path: join(dir, 'ledger.db'), pollIntervalMs: 50 });
  t.teardown(() => store.close());
  return { store, dir, checkpointsPath: join(dir, 'connectors.db') };
}

/** Polls `predicate` every `intervalMs` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitUntil(
  predicate: () => boolean,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
