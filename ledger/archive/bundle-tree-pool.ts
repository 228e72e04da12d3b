/**
 * Worker threads for `hashBundleTree`, so that hashing a bundle (its SHA-256s
 * and its Merkle tree) runs beside the thread that reads, uploads and checks
 * the others. A task's buffer is transferred to the worker and back (no
 * copy when it owns its whole ArrayBuffer; otherwise it is copied first):
 * the caller must use `output.bytes`, never the buffer it passed in.
 * Workers do not keep the process alive while idle. A pool of size 0, or one
 * whose worker could not start, hashes inline.
 */
import { Worker } from 'node:worker_threads';
import { LedgerError } from '../errors.js';
import type { LedgerErrorCode } from '../errors.js';
import { hashBundleTree } from './bundle-tree.js';
import type { BundleTreeOutput, BundleTreeTask } from './bundle-tree.js';

/** What a worker answers. */
export type BundleTreeReply =
  | { readonly id: number; readonly output: BundleTreeOutput; readonly error?: never }
  | {
      readonly id: number;
      readonly error: { code: LedgerErrorCode; message: string };
      readonly output?: never;
    };

/** Worker threads of the shared pool. */
export const DEFAULT_BUNDLE_TREE_WORKERS = 1;

/** The worker module next to this one (.ts when run from source by tap, .js when built). */
function workerUrl(): URL {
  const self = import.meta.url;
  return new URL(
    self.endsWith('.ts') ? './bundle-tree-worker.ts' : './bundle-tree-worker.js',
    self,
  );
}

interface Pending {
  resolve(output: BundleTreeOutput): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  broken: boolean;
}

/** Runs `hashBundleTree` on `size` worker threads (0: inline). */
export class BundleTreePool {
  readonly #slots: Slot[] = [];
  #next = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      let worker: Worker;
      try {
        worker = new Worker(workerUrl());
      } catch {
        break; // hashed inline
      }
      worker.unref();
      const slot: Slot = { worker, pending: new Map(), broken: false };
      worker.on('message', (reply: BundleTreeReply) => {
        const pending = slot.pending.get(reply.id);
        if (pending === undefined) return;
        slot.pending.delete(reply.id);
        if (slot.pending.size === 0) worker.unref();
        if (reply.error !== undefined)
          pending.reject(new LedgerError(reply.error.code, reply.error.message));
        else pending.resolve(reply.output);
      });
      const fail = (why: string): void => {
        slot.broken = true;
        const e = new LedgerError('LDG_ERR_INTERNAL', `bundle hashing worker ${why}`);
        for (const p of slot.pending.values()) p.reject(e);
        slot.pending.clear();
      };
      worker.on('error', (error) => fail(`failed: ${String(error)}`));
      worker.on('exit', (code) => fail(`exited (${code})`));
      this.#slots.push(slot);
    }
  }

  /** Worker threads that can take tasks. */
  get size(): number {
    return this.#slots.filter((s) => !s.broken).length;
  }

  /** Runs a task (see the module comment: use `output.bytes` afterwards). */
  run(task: BundleTreeTask): Promise<BundleTreeOutput> {
    const slots = this.#slots.filter((s) => !s.broken);
    // the least busy worker; none: inline
    let slot: Slot | undefined;
    for (const s of slots) if (slot === undefined || s.pending.size < slot.pending.size) slot = s;
    if (slot === undefined) {
      try {
        return Promise.resolve(hashBundleTree(task));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const id = this.#next++;
    const { worker, pending } = slot;
    return new Promise<BundleTreeOutput>((resolve, reject) => {
      const b = task.bytes;
      const owned =
        b.buffer instanceof ArrayBuffer &&
        b.byteOffset === 0 &&
        b.byteLength === b.buffer.byteLength;
      // a copy (never Buffer#slice, a view) when the buffer holds more than these bytes
      const bytes = owned ? b : new Uint8Array(b.length);
      if (bytes !== b) bytes.set(b);
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, task: { ...task, bytes } }, [bytes.buffer as ArrayBuffer]);
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

let shared: BundleTreePool | null = null;

/** The process-wide pool (DEFAULT_BUNDLE_TREE_WORKERS threads, started on first use). */
export function sharedBundleTreePool(): BundleTreePool {
  shared ??= new BundleTreePool(DEFAULT_BUNDLE_TREE_WORKERS);
  return shared;
}
