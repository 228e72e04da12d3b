/**
 * The SHA-256 of parts of a package file, computed on a worker thread
 * (part-hash-worker.ts) while the caller does other work: the verifier
 * checks the events on its own thread meanwhile. Falls back to hashing on
 * the calling thread when the worker cannot start or dies without answering.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

/** One byte range of the file to hash. */
export interface PartRange {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/** What the worker is given. */
export interface PartHashRequest {
  readonly path: string;
  readonly parts: readonly PartRange[];
}

/** What the worker answers: hex digests by part name, or why it failed. */
export type PartHashReply =
  | { readonly digests: Record<string, string>; readonly error?: never }
  | { readonly error: string; readonly digests?: never };

/** The worker module next to this one (.ts when run from source by tap, .js when built). */
function workerUrl(): URL {
  const self = import.meta.url;
  return new URL(self.endsWith('.ts') ? './part-hash-worker.ts' : './part-hash-worker.js', self);
}

/** Hashes the ranges on this thread (the fallback). */
export async function hashPartsHere(request: PartHashRequest): Promise<Map<string, string>> {
  const fh = await open(request.path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    const out = new Map<string, string>();
    for (const part of request.parts) {
      const hash = createHash('sha256');
      let done = 0;
      while (done < part.size) {
        const want = Math.min(buffer.length, part.size - done);
        const { bytesRead } = await fh.read(buffer, 0, want, part.offset + done);
        if (bytesRead === 0) throw new Error(`part ${part.name}: the file ends early`);
        hash.update(buffer.subarray(0, bytesRead));
        done += bytesRead;
      }
      out.set(part.name, hash.digest('hex'));
    }
    return out;
  } finally {
    await fh.close();
  }
}

/**
 * Starts hashing the ranges on a worker thread; the promise gives the hex
 * digests by name. Errors reading the file reject it.
 */
export function hashPartsOffThread(request: PartHashRequest): Promise<Map<string, string>> {
  if (request.parts.length === 0) return Promise.resolve(new Map<string, string>());
  let worker: Worker;
  try {
    worker = new Worker(workerUrl(), { workerData: request });
  } catch {
    return hashPartsHere(request);
  }
  return new Promise<Map<string, string>>((resolve, reject) => {
    let settled = false;
    // a worker that cannot run (not a read error, which it answers) is replaced by this thread
    const fallBack = (): void => {
      if (settled) return;
      settled = true;
      hashPartsHere(request).then(resolve, reject);
    };
    worker.once('message', (reply: PartHashReply) => {
      settled = true;
      void worker.terminate();
      if (reply.error !== undefined) reject(new Error(reply.error));
      else resolve(new Map(Object.entries(reply.digests)));
    });
    worker.once('error', fallBack);
    worker.once('exit', fallBack);
  });
}
