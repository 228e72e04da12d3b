/**
 * WAL checkpoints of the views database, off the main thread.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses the
 * threshold: the committing thread copies the WAL into the database file and
 * syncs it. For the views that thread is the one serving HTTP and projecting,
 * and the copy costs it about a sixth of its projecting time (measured).
 * Here a worker thread with its own connection runs `wal_checkpoint(PASSIVE)`
 * every interval instead: a passive checkpoint never blocks the writer or the
 * readers, and the writer restarts the WAL from the top once a checkpoint has
 * copied everything. The writer keeps a high automatic threshold as a safety
 * net, should the worker fall behind or die.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Checkpoint period of the worker. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 500;
/** WAL pages after which the writer checkpoints by itself (4 KiB pages: 256 MiB). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 65_536;

// runs in the worker, as CommonJS: a connection of its own and a timer
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointerOptions {
  readonly intervalMs?: number;
  readonly busyTimeoutMs: number;
  /** Called with the message of a failed checkpoint (the next one is tried all the same). */
  readonly onError?: (message: string) => void;
}

/** A running background checkpointer. */
export interface WalCheckpointer {
  /** Runs a last checkpoint and ends the worker. Idempotent. */
  close(): Promise<void>;
}

/** Starts checkpointing the WAL of the database at `path` from a worker thread. */
export function startWalCheckpointer(
  path: string,
  options: WalCheckpointerOptions,
): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
      busyTimeoutMs: options.busyTimeoutMs,
    },
  });
  worker.on('message', (m: { error?: string }) => {
    if (typeof m.error === 'string') options.onError?.(m.error);
  });
  // a worker that cannot start (or dies) leaves checkpoints to the writer's fallback threshold
  worker.on('error', (e) => options.onError?.(e.message));
  // after the listeners: adding a 'message' listener refs the worker again
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        worker.postMessage('close');
        const timeout = setTimeout(() => void worker.terminate(), 5000);
        await exited;
        clearTimeout(timeout);
      })();
      return closing;
    },
  };
}
