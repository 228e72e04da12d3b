/**
 * Worker thread of `BundleHashPool`: hashes entry bundles it is sent, or
 * builds them itself from a data directory's database it opens read-only
 * (so the SQL reads run on this thread too), and answers `HashedBundle`s.
 */
import { parentPort } from 'node:worker_threads';
import { isLedgerError } from '../errors.js';
import { openSqliteLedgerReader } from '../sequencer/sqlite-ledger-reader.js';
import { hashBundle } from './bundle-hash.js';
import type { HashedBundle } from './bundle-hash.js';
import type { BundleTask, WorkerReply } from './bundle-hash-pool.js';
import type { LogSource } from './log-source.js';

const port = parentPort;
if (port === null) throw new Error('bundle-hash-worker must run as a worker thread');
const readers = new Map<string, LogSource>();

async function run(task: BundleTask): Promise<HashedBundle> {
  if (task.kind === 'bytes') return hashBundle(task.bundle, task.first, task.width);
  let reader = readers.get(task.path);
  if (reader === undefined) {
    reader = openSqliteLedgerReader(task.path);
    readers.set(task.path, reader);
  }
  const bundle = await reader.entryBundle(task.index, task.width);
  return hashBundle(bundle, task.index * 256, task.width);
}

port.on('message', (message: { id: number; task: BundleTask }) => {
  run(message.task).then(
    (result) => {
      const reply: WorkerReply = { id: message.id, result };
      port.postMessage(reply, [result.leafHashes.buffer as ArrayBuffer]);
    },
    (error: unknown) => {
      const reply: WorkerReply = {
        id: message.id,
        error: isLedgerError(error)
          ? { code: error.code, message: error.message }
          : {
              code: 'LDG_ERR_INTERNAL',
              message: error instanceof Error ? error.message : String(error),
            },
      };
      port.postMessage(reply);
    },
  );
});
