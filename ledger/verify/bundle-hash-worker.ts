/**
 * Worker thread of `BundleHashPool`: hashes entry bundles it is sent, or
 * hashes them itself, chunks of bundles at a time, from the events of a data
 * directory's database it opens read-only (so the SQL reads run on this
 * thread too), and answers `HashedBundle`s.
 */
import { parentPort } from 'node:worker_threads';
import { isLedgerError } from '../errors.js';
import { openSqliteLedgerReader } from '../sequencer/sqlite-ledger-reader.js';
import type { SqliteLedgerReader } from '../sequencer/sqlite-ledger-reader.js';
import { hashBundle } from './bundle-hash.js';
import type { HashedBundle } from './bundle-hash.js';
import type {
  BundleChunkTask,
  BundleTask,
  ChunkItem,
  WorkerError,
  WorkerReply,
} from './bundle-hash-pool.js';

const port = parentPort;
if (port === null) throw new Error('bundle-hash-worker must run as a worker thread');
const readers = new Map<string, SqliteLedgerReader>();

function readerOf(path: string): SqliteLedgerReader {
  let reader = readers.get(path);
  if (reader === undefined) {
    reader = openSqliteLedgerReader(path);
    readers.set(path, reader);
  }
  return reader;
}

function asWorkerError(error: unknown): WorkerError {
  return isLedgerError(error)
    ? { code: error.code, message: error.message }
    : {
        code: 'LDG_ERR_INTERNAL',
        message: error instanceof Error ? error.message : String(error),
      };
}

// eslint-disable-next-line @typescript-eslint/require-await -- errors must reject
async function run(task: BundleTask): Promise<HashedBundle> {
  if (task.kind === 'bytes') return hashBundle(task.bundle, task.first, task.width);
  return readerOf(task.path).hashedBundle(task.index, task.width);
}

/** Hashes the chunk's bundles in order, stopping at the first that fails. */
function runChunk(task: BundleChunkTask): ChunkItem[] {
  const items: ChunkItem[] = [];
  try {
    const reader = readerOf(task.path);
    task.widths.forEach((width, k) => {
      items.push({ result: reader.hashedBundle(task.index + k, width) });
    });
  } catch (error) {
    items.push({ error: asWorkerError(error) });
  }
  return items;
}

port.on('message', (message: { id: number; task: BundleTask | BundleChunkTask }) => {
  const task = message.task;
  if (task.kind === 'sqlite-chunk') {
    const items = runChunk(task);
    const transfer: ArrayBuffer[] = [];
    for (const item of items) {
      if (item.result !== undefined) transfer.push(item.result.leafHashes.buffer as ArrayBuffer);
    }
    const reply: WorkerReply = { id: message.id, items };
    port.postMessage(reply, transfer);
    return;
  }
  run(task).then(
    (result) => {
      const reply: WorkerReply = { id: message.id, result };
      port.postMessage(reply, [result.leafHashes.buffer as ArrayBuffer]);
    },
    (error: unknown) => {
      const reply: WorkerReply = { id: message.id, error: asWorkerError(error) };
      port.postMessage(reply);
    },
  );
});
