/**
 * Worker thread of `BundleTreePool`: runs `hashBundleTree` on each task it is
 * sent and answers with the result, handing the bundle's buffer back.
 */
import { parentPort } from 'node:worker_threads';
import { isLedgerError } from '../errors.js';
import { hashBundleTree } from './bundle-tree.js';
import type { BundleTreeTask } from './bundle-tree.js';
import type { BundleTreeReply } from './bundle-tree-pool.js';

const port = parentPort;
if (port === null) throw new Error('bundle-tree-worker must run as a worker thread');

port.on('message', (message: { id: number; task: BundleTreeTask }) => {
  let reply: BundleTreeReply;
  try {
    reply = { id: message.id, output: hashBundleTree(message.task) };
  } catch (error) {
    reply = {
      id: message.id,
      error: isLedgerError(error)
        ? { code: error.code, message: error.message }
        : {
            code: 'LDG_ERR_INTERNAL',
            message: error instanceof Error ? error.message : String(error),
          },
    };
    port.postMessage(reply);
    return;
  }
  port.postMessage(reply, [reply.output.bytes.buffer as ArrayBuffer]);
});
