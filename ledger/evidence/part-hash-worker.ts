/**
 * Worker thread of `hashPartsOffThread` (part-hash.ts): hashes the given
 * byte ranges of a package file and answers their SHA-256, so the verifier's
 * main thread spends its time on the events.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hashPartsHere } from './part-hash.js';
import type { PartHashRequest, PartHashReply } from './part-hash.js';

const port = parentPort;
if (port === null) throw new Error('part-hash-worker must run as a worker thread');

hashPartsHere(workerData as PartHashRequest).then(
  (digests) => port.postMessage({ digests: Object.fromEntries(digests) } satisfies PartHashReply),
  (error: unknown) =>
    port.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies PartHashReply),
);
