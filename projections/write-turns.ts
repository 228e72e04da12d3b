/**
 * Turns at the views' write lock for threads of one process.
 *
 * SQLite lets one connection write at a time; a connection that finds the
 * lock taken sleeps and retries (the busy timeout), with sleeps growing up to
 * 100 ms. Two projection threads writing the same file back to back can then
 * miss each other's free windows again and again, one of them waiting whole
 * seconds (even past the timeout) while the other commits page after page.
 * The threads of one process therefore take turns on a shared word first:
 * a waiting thread is woken the moment the writer commits (Atomics.notify),
 * and takes the lock while the writer decodes its next page outside it.
 *
 * The word holds the writer's threadId + 1, or 0. If a thread dies holding it,
 * its parent frees it (`releaseFor`). Connections of other processes (a CLI)
 * still rely on SQLite's busy timeout.
 */
import { threadId } from 'node:worker_threads';
import { LedgerError } from '../ledger/errors.js';

/** The shared state: one Int32 word. Give the same buffer to every thread. */
export function createWriteTurns(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

/** A lock taken around every write transaction. */
export interface WriteLock {
  /** Blocks until this thread holds the lock; throws LDG_ERR_STORE_UNAVAILABLE after `timeoutMs`. */
  acquire(): void;
  release(): void;
}

/** The lock of this thread on `buffer` (from createWriteTurns). */
export function writeTurns(buffer: SharedArrayBuffer, timeoutMs: number): WriteLock {
  const word = new Int32Array(buffer);
  const me = threadId + 1;
  return {
    acquire(): void {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const holder = Atomics.compareExchange(word, 0, 0, me);
        if (holder === 0 || holder === me) return;
        const left = deadline - performance.now();
        if (left <= 0) {
          throw new LedgerError(
            'LDG_ERR_STORE_UNAVAILABLE',
            `another projection thread held the views write lock for over ${timeoutMs} ms`,
          );
        }
        Atomics.wait(word, 0, holder, left);
      }
    },
    release(): void {
      if (Atomics.compareExchange(word, 0, me, 0) === me) Atomics.notify(word, 0);
    },
  };
}

/** Frees the lock if the thread `deadThreadId` died holding it (call from its parent). */
export function releaseFor(buffer: SharedArrayBuffer, deadThreadId: number): void {
  const word = new Int32Array(buffer);
  if (Atomics.compareExchange(word, 0, deadThreadId + 1, 0) === deadThreadId + 1)
    Atomics.notify(word, 0);
}
