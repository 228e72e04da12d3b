/**
 * A stream reader thread (see reader-pool.ts): opens the SQLite event store
 * itself and answers page requests with framed bytes, so reading, decoding
 * and formatting for SIEM streams happen off the thread that ingests.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteLogReader } from '../../projections/sqlite-log-reader.js';
import { SIEM_FORMATS, createSiemFormatter } from '../../projections/siem/index.js';
import type { SiemFormat, SiemFormatter } from '../../projections/siem/index.js';
import { FrameCache, framePage } from './frames.js';
import type { StreamMode } from './frames.js';
import type { PageReply, PageRequest, ReaderThreadData } from './reader-pool.js';

const data = workerData as ReaderThreadData;
const port = parentPort!;
lowerPriority(data.niceness);
// raw pages: the SIEM formats take the event and session ids from the decoded bytes
const log = openSqliteLogReader(data.path, { cacheKib: data.cacheKib });
const formatters = new Map<SiemFormat, SiemFormatter>(
  SIEM_FORMATS.map((f) => [f, createSiemFormatter(f, { productVersion: data.productVersion })]),
);
const caches = new Map<string, FrameCache>();

function cacheFor(format: SiemFormat, mode: StreamMode): FrameCache {
  const key = `${format}/${mode}`;
  let c = caches.get(key);
  if (c === undefined) {
    c = new FrameCache(data.cacheEntries);
    caches.set(key, c);
  }
  return c;
}

function answer(r: PageRequest): void {
  try {
    const rows = log.read(r.after, r.limit);
    const page = framePage(
      rows,
      formatters.get(r.format)!,
      {
        mode: r.mode,
        tenant: r.tenant,
        types: r.types === null ? undefined : new Set(r.types),
      },
      cacheFor(r.format, r.mode),
      r.keep,
    );
    const reply: PageReply = {
      id: r.id,
      body: page.body,
      sent: page.sent,
      lastSent: page.lastSent ?? null,
      scanned: page.scanned ?? r.after,
    };
    // a body the frame cache keeps views into is copied; any other is handed over
    port.postMessage(reply, page.owned ? [page.body.buffer as ArrayBuffer] : []);
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    port.postMessage({
      id: r.id,
      error: {
        code: typeof err.code === 'string' ? err.code : 'LDG_ERR_INTERNAL',
        message: typeof err.message === 'string' ? err.message : String(e),
      },
    } satisfies PageReply);
  }
}

/**
 * Lowers this thread's scheduling priority to `niceness` so that streams use
 * the cores ingest leaves idle: Linux schedules threads separately and
 * setpriority(2) on a thread id changes only that thread. Elsewhere (no
 * /proc/thread-self) the thread keeps the process's priority.
 */
function lowerPriority(niceness: number): void {
  if (niceness <= 0) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(tid) && tid > 0) setPriority(tid, Math.min(19, niceness));
  } catch {
    // not Linux: same priority as the rest of the process
  }
}

port.on('message', (m: PageRequest | { close: true }) => {
  if ('close' in m) {
    try {
      log.close();
    } finally {
      port.postMessage({ closed: true });
    }
    return;
  }
  answer(m);
});
port.postMessage({ ready: true });
