/**
 * A pool of worker threads hashing entry bundles for the log verifier (see
 * bundle-hash.ts). Tasks are either bundle bytes (fetched by the main thread,
 * transferred without a copy) or a (database, bundle) pair a worker reads
 * itself. Results come back in whatever order; each task's promise settles
 * with its own. A pool of size 0 hashes inline.
 */
import { Worker } from 'node:worker_threads';
import { LedgerError } from '../errors.js';
import type { LedgerErrorCode } from '../errors.js';
import { hashBundle } from './bundle-hash.js';
import type { HashedBundle } from './bundle-hash.js';

/** Work for the pool. */
export type BundleTask =
  | {
      readonly kind: 'bytes';
      readonly bundle: Uint8Array;
      readonly first: number;
      readonly width: number;
    }
  | {
      readonly kind: 'sqlite';
      readonly path: string;
      readonly index: number;
      readonly width: number;
    };

/**
 * Consecutive bundles from a database, `widths.length` of them from bundle
 * `index`, in one message each way: a message costs about what hashing a
 * whole bundle does, so a worker reads and hashes many per round trip.
 */
export interface BundleChunkTask {
  readonly kind: 'sqlite-chunk';
  readonly path: string;
  readonly index: number;
  readonly widths: readonly number[];
}

/** A worker's error, as it crosses the thread boundary. */
export interface WorkerError {
  readonly code: LedgerErrorCode;
  readonly message: string;
}

/**
 * One bundle of a chunk: its result, or the error that stopped the chunk
 * there (a chunk answers no bundle after its first error).
 */
export type ChunkItem =
  | { readonly result: HashedBundle; readonly error?: never }
  | { readonly error: WorkerError; readonly result?: never };

/** What a worker answers. */
export type WorkerReply =
  | { readonly id: number; readonly result: HashedBundle; readonly error?: never }
  | { readonly id: number; readonly error: WorkerError; readonly result?: never }
  | { readonly id: number; readonly items: readonly ChunkItem[] };

interface Pending {
  resolve(result: HashedBundle): void;
  resolveItems(items: readonly ChunkItem[]): void;
  reject(error: LedgerError): void;
}

const noItems = (): void => undefined;

/** The worker module next to this one (.ts when run from source by tap, .js when built). */
function workerUrl(): URL {
  const self = import.meta.url;
  return new URL(
    self.endsWith('.ts') ? './bundle-hash-worker.ts' : './bundle-hash-worker.js',
    self,
  );
}

/** Hashes bundles on `size` worker threads (0: inline, on the calling thread). */
export class BundleHashPool {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #turn = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerUrl());
      worker.on('message', (reply: WorkerReply) => {
        const pending = this.#pending.get(reply.id);
        if (pending === undefined) return;
        this.#pending.delete(reply.id);
        if ('items' in reply) pending.resolveItems(reply.items);
        else if (reply.error !== undefined)
          pending.reject(new LedgerError(reply.error.code, reply.error.message));
        else pending.resolve(reply.result);
      });
      worker.on('error', (error) => this.#failAll(error));
      this.#workers.push(worker);
    }
  }

  /** Worker threads in the pool. */
  get size(): number {
    return this.#workers.length;
  }

  #failAll(error: unknown): void {
    const e = new LedgerError('LDG_ERR_INTERNAL', `bundle hashing worker failed: ${String(error)}`);
    for (const pending of this.#pending.values()) pending.reject(e);
    this.#pending.clear();
  }

  /** Runs a task; a 'sqlite' task needs workers (size > 0). */
  run(task: BundleTask): Promise<HashedBundle> {
    const worker = this.#workers[this.#turn++ % Math.max(1, this.#workers.length)];
    if (worker === undefined) {
      if (task.kind !== 'bytes') {
        return Promise.reject(
          new LedgerError('LDG_ERR_INTERNAL', 'database tasks need worker threads'),
        );
      }
      try {
        return Promise.resolve(hashBundle(task.bundle, task.first, task.width));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const id = this.#next++;
    return new Promise<HashedBundle>((resolve, reject) => {
      this.#pending.set(id, { resolve, resolveItems: noItems, reject });
      if (task.kind === 'bytes') {
        const owned =
          task.bundle.byteOffset === 0 && task.bundle.byteLength === task.bundle.buffer.byteLength;
        const bundle = owned ? task.bundle : task.bundle.slice();
        worker.postMessage({ id, task: { ...task, bundle } }, [bundle.buffer as ArrayBuffer]);
      } else {
        worker.postMessage({ id, task });
      }
    });
  }

  /**
   * Runs a chunk of database bundles on a worker (the pool must have one);
   * resolves with an item per bundle up to the first that failed.
   */
  runChunk(task: BundleChunkTask): Promise<readonly ChunkItem[]> {
    const worker = this.#workers[this.#turn++ % Math.max(1, this.#workers.length)];
    if (worker === undefined) {
      return Promise.reject(
        new LedgerError('LDG_ERR_INTERNAL', 'database tasks need worker threads'),
      );
    }
    const id = this.#next++;
    return new Promise<readonly ChunkItem[]>((resolveItems, reject) => {
      this.#pending.set(id, { resolve: noItems, resolveItems, reject });
      worker.postMessage({ id, task });
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.#failAll('the pool was closed');
    await Promise.all(this.#workers.map((w) => w.terminate()));
    this.#workers.length = 0;
  }
}
