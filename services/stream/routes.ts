/**
 * GET /v1/stream: the SIEM pull stream. Catch-up from a position, then live,
 * in OCSF, CEF or JSON, as Server-Sent Events or NDJSON:
 *
 *   GET /v1/stream?format=ocsf|cef|json&types=a,b&after=N&mode=sse|ndjson
 *
 * - SSE (default; `Accept: text/event-stream`): one event per record,
 *   `id:` = ledger position, `data:` = the record on one line. A client
 *   resumes with `Last-Event-ID` (EventSource does it by itself). Idle
 *   streams get a heartbeat every 15 s: an `id:`-only event naming the last
 *   position scanned (so a resume skips what the filters left out), or a
 *   `:` comment when nothing new was scanned.
 * - NDJSON (`Accept: application/x-ndjson` or `mode=ndjson`): one JSON record
 *   per line (CEF lines wrapped as `{"position","tenant","cef"}`); resume with
 *   `after=` the last position received. Blank lines are heartbeats.
 *
 * Scope `ledger:stream`; only events of the token's tenant are sent.
 * Backpressure: a page is read from the store only after the previous one
 * was handed to the socket and, when `write()` said the buffer is full,
 * after 'drain'. A slow reader holds one page and its socket buffer; it
 * slows nobody else. The subscription is closed when the client goes away.
 * Bad parameters: 400 LDG_ERR_VALIDATION with an issue per parameter.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError, isLedgerError } from '../../ledger/errors.js';
import type { FieldIssue } from '../../ledger/errors.js';
import { GATEWAY_PAYLOAD_TYPES, INTERNAL_PAYLOAD_TYPES } from '../../ledger/events/index.js';
import { START } from '../../ledger/store/event-store.js';
import type { EventStore } from '../../ledger/store/event-store.js';
import { SIEM_FORMATS, createSiemFormatter, isSiemFormat } from '../../projections/siem/index.js';
import type { SiemFormat, SiemFormatter } from '../../projections/siem/index.js';
import { requireScope } from '../auth.js';
import type { Metrics } from '../metrics.js';
import { FrameCache, framePage } from './frames.js';
import type { StreamMode } from './frames.js';
import { HeadWatcher, ReaderPool } from './reader-pool.js';
import type { ThreadedPage } from './reader-pool.js';
import { ledgerVersion } from './version.js';

export type { StreamMode } from './frames.js';

/** Heartbeat period of an idle stream. */
export const DEFAULT_STREAM_HEARTBEAT_MS = 15_000;
/** Events read from the store per pull. */
export const DEFAULT_STREAM_PAGE_SIZE = 1000;
/** SSE `retry:` sent to clients: how long EventSource waits before reconnecting. */
export const SSE_RETRY_MS = 2000;
/**
 * Pages a threaded stream asks ahead, per reader thread, while catching up:
 * with one, a thread that finished its page waited for this thread to ask
 * for the next; with two it has one queued (one SSE subscriber ~40k → ~48k
 * OCSF events/s on the 2-core VM, medians of nine runs). Bounded: a stream
 * holds at most this many pages per thread besides the one being written.
 */
const PAGES_AHEAD_PER_THREAD = 2;

export interface StreamDeps {
  readonly store: EventStore;
  /** OCSF metadata.product.version and CEF Device Version (default: package.json version). */
  readonly productVersion?: string;
  /** Heartbeat period (default DEFAULT_STREAM_HEARTBEAT_MS). */
  readonly heartbeatMs?: number;
  /** Store page size per pull (default DEFAULT_STREAM_PAGE_SIZE). */
  readonly pageSize?: number;
  /** Registers `ledger_stream_subscribers` and `ledger_stream_events_sent` when given. */
  readonly metrics?: Metrics;
  /** Formatted records cached per format for subscribers on the same positions (default DEFAULT_STREAM_CACHE_ENTRIES; 0 disables). */
  readonly cacheEntries?: number;
  /**
   * Read, format and frame in reader threads that open this SQLite store
   * file themselves (see reader-pool.ts), instead of on the calling thread.
   * Only for an SQLite store: `path` is its file (default: the file of
   * `store` when it is a file-backed SqliteEventStore); `threads` defaults to 1.
   */
  readonly readerThreads?: { readonly path?: string; readonly threads?: number };
}

/** A validated stream request. */
export interface StreamRequest {
  readonly format: SiemFormat;
  readonly mode: StreamMode;
  /** Exclusive lower bound (START for the beginning). */
  readonly after: number;
  /** Payload types to send; undefined = all. */
  readonly types: ReadonlySet<string> | undefined;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set([
  ...GATEWAY_PAYLOAD_TYPES,
  ...INTERNAL_PAYLOAD_TYPES,
]);
const PARAMETERS = new Set(['format', 'types', 'after', 'mode']);
const POSITION = /^(?:-1|0|[1-9]\d{0,15})$/;

function parsePosition(raw: string, name: string, issues: FieldIssue[]): number | undefined {
  const value = raw.trim();
  const n = Number(value);
  if (!POSITION.test(value) || !Number.isSafeInteger(n)) {
    issues.push({
      path: name,
      message: `must be a position: an integer >= -1 (-1 = from the start), got ${JSON.stringify(raw)}`,
    });
    return undefined;
  }
  return n;
}

/**
 * Validates the query and headers of a stream request; throws a
 * ValidationError naming every bad parameter (`format`, `types`, `after`,
 * `mode`, `Last-Event-ID`, or an unknown parameter's name).
 */
export function parseStreamRequest(
  query: unknown,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): StreamRequest {
  const issues: FieldIssue[] = [];
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const single = (name: string): string | undefined => {
    const v = q[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      issues.push({ path: name, message: 'must be given once' });
      return undefined;
    }
    return v;
  };
  for (const key of Object.keys(q)) {
    if (!PARAMETERS.has(key)) {
      issues.push({
        path: key,
        message: `unknown parameter; expected one of ${[...PARAMETERS].join(', ')}`,
      });
    }
  }
  const formatRaw = single('format') ?? 'ocsf';
  if (!isSiemFormat(formatRaw)) {
    issues.push({
      path: 'format',
      message: `must be one of ${SIEM_FORMATS.join(', ')}, got ${JSON.stringify(formatRaw)}`,
    });
  }
  let types: Set<string> | undefined;
  const typesRaw = single('types');
  if (typesRaw !== undefined) {
    types = new Set();
    for (const t of typesRaw.split(',').map((s) => s.trim())) {
      if (t === '') continue;
      if (!KNOWN_TYPES.has(t)) {
        issues.push({
          path: 'types',
          message: `unknown event type ${JSON.stringify(t)}; expected any of ${[...KNOWN_TYPES].join(', ')}`,
        });
      } else types.add(t);
    }
    if (types.size === 0 && issues.every((i) => i.path !== 'types')) {
      issues.push({ path: 'types', message: 'must name at least one event type' });
    }
  }
  const modeRaw = single('mode');
  let mode: StreamMode = 'sse';
  if (modeRaw !== undefined) {
    if (modeRaw !== 'sse' && modeRaw !== 'ndjson') {
      issues.push({
        path: 'mode',
        message: `must be sse or ndjson, got ${JSON.stringify(modeRaw)}`,
      });
    } else mode = modeRaw;
  } else {
    const accept = headers['accept'];
    const acceptText = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
    if (/application\/(x-)?ndjson/i.test(acceptText) && !/text\/event-stream/i.test(acceptText)) {
      mode = 'ndjson';
    }
  }
  let after: number = START;
  const afterRaw = single('after');
  if (afterRaw !== undefined) after = parsePosition(afterRaw, 'after', issues) ?? START;
  const lastEventId = headers['last-event-id'];
  if (Array.isArray(lastEventId)) {
    issues.push({ path: 'Last-Event-ID', message: 'must be given once' });
  } else if (lastEventId !== undefined && lastEventId.trim() !== '') {
    // a reconnecting EventSource repeats the URL (with its `after`): the header wins
    after = parsePosition(lastEventId, 'Last-Event-ID', issues) ?? after;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { format: formatRaw as SiemFormat, mode, after, types };
}

/** Formatted records kept for other subscribers reading the same positions (per format). */
export const DEFAULT_STREAM_CACHE_ENTRIES = 10_000;

interface ActiveStream {
  readonly abort: AbortController;
  readonly res: ServerResponse;
}

/** Resolves when the socket drained, closed, or the stream was aborted. */
function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

interface PumpOptions {
  readonly request: StreamRequest;
  readonly tenant: string;
  readonly pageSize: number;
  /** Pages asked ahead of the one being written (threaded: PAGES_AHEAD_PER_THREAD per reader thread). */
  readonly lookAhead: number;
  readonly heartbeatMs: number;
  readonly onSent: (n: number) => void;
  /**
   * True while other streams are open: frames are then kept for them to
   * reuse. A lone stream does not pay for caching what nobody else reads.
   */
  readonly shared: () => boolean;
}

interface InProcess {
  readonly store: EventStore;
  readonly formatter: SiemFormatter;
  /** Cache of this stream's frames (SSE event / NDJSON line) for its format and mode. */
  readonly cache: FrameCache;
}

interface Threaded {
  readonly pool: ReaderPool;
  readonly watcher: HeadWatcher;
}

/** Positions a stream has scanned and announced (for heartbeats). */
interface Progress {
  scanned: number;
  announced: number;
}

/** Resolves with the value, or undefined once `signal` aborts. */
function unlessAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Reads, formats and writes on this thread, one store subscription per stream. */
async function pumpInProcess(
  res: ServerResponse,
  signal: AbortSignal,
  o: PumpOptions,
  io: InProcess,
  progress: Progress,
): Promise<void> {
  const filter = { mode: o.request.mode, tenant: o.tenant, types: o.request.types };
  for await (const page of io.store.subscribe({
    after: o.request.after,
    batchSize: o.pageSize,
    signal,
  })) {
    const framed = framePage(page, io.formatter, filter, io.cache, o.shared());
    if (framed.scanned !== undefined) progress.scanned = framed.scanned;
    if (framed.lastSent !== undefined) {
      progress.announced = framed.lastSent;
      o.onSent(framed.sent);
      // pull the next page only once the socket can take more
      if (!res.write(framed.body)) await drained(res, signal);
    }
    if (signal.aborted || res.destroyed) break;
  }
}

/**
 * Reads, formats and frames in reader threads; this thread only writes.
 * Pages are aligned on multiples of the page size so that streams on the
 * same part of the log share them. While pages come back whole, the next
 * ones are already requested (PAGES_AHEAD_PER_THREAD per reader thread); a
 * short page means caught up.
 */
async function pumpThreaded(
  res: ServerResponse,
  signal: AbortSignal,
  o: PumpOptions,
  io: Threaded,
  progress: Progress,
): Promise<void> {
  const size = o.pageSize;
  const base = {
    format: o.request.format,
    mode: o.request.mode,
    tenant: o.tenant,
    types: o.request.types === undefined ? null : [...o.request.types].sort(),
  };
  /** The aligned end of the page after `from`. */
  const endOf = (from: number): number => Math.floor((from + 1) / size) * size + size - 1;
  const ask = (from: number): { from: number; page: Promise<ThreadedPage> } => {
    const page = io.pool.page({
      ...base,
      after: from,
      limit: endOf(from) - from,
      keep: o.shared(),
    });
    page.catch(() => undefined);
    return { from, page };
  };
  let after = o.request.after;
  /** pages asked ahead, consecutive, the first starting at `after` */
  let ahead: { from: number; page: Promise<ThreadedPage> }[] = [];
  while (!signal.aborted && !res.destroyed) {
    let current: { from: number; page: Promise<ThreadedPage> };
    if (ahead[0]?.from === after) current = ahead.shift()!;
    else {
      ahead = [];
      current = ask(after);
    }
    const page = await unlessAborted(current.page, signal);
    if (page === undefined) break;
    if (page.scanned === after) {
      ahead = [];
      await io.watcher.wait(after, signal);
      continue;
    }
    after = page.scanned;
    if (after === endOf(current.from)) {
      // a whole page: the next ones are probably there too; ask for them (two per reader
      // thread, so that threads format them side by side and each has the next one
      // queued when it finishes) while this one is written
      let last = ahead.length > 0 ? endOf(ahead[ahead.length - 1]!.from) : after;
      while (ahead.length < o.lookAhead) {
        ahead.push(ask(last));
        last = endOf(last);
      }
    } else ahead = [];
    progress.scanned = after;
    if (page.lastSent !== undefined) {
      progress.announced = page.lastSent;
      o.onSent(page.sent);
      if (!res.write(page.body)) await drained(res, signal);
    }
  }
}

async function pump(
  res: ServerResponse,
  signal: AbortSignal,
  o: PumpOptions,
  io: InProcess | Threaded,
): Promise<void> {
  const sse = o.request.mode === 'sse';
  const progress: Progress = { scanned: o.request.after, announced: o.request.after };
  const heartbeat = setInterval(() => {
    if (res.writableEnded || res.destroyed) return;
    if (!sse) res.write('\n');
    else if (progress.scanned !== progress.announced) {
      // an id-only event moves the client's Last-Event-ID past filtered-out positions
      res.write(`id: ${progress.scanned}\n\n`);
      progress.announced = progress.scanned;
    } else res.write(': keep-alive\n\n');
  }, o.heartbeatMs);
  heartbeat.unref();
  try {
    if ('pool' in io) await pumpThreaded(res, signal, o, io, progress);
    else await pumpInProcess(res, signal, o, io, progress);
  } catch (e) {
    if (!res.destroyed && !res.writableEnded) {
      const code = isLedgerError(e) ? e.code : 'LDG_ERR_INTERNAL';
      const message = isLedgerError(e) ? e.message : 'internal error';
      const body = JSON.stringify({ error: { code, message } });
      res.write(sse ? `event: error\ndata: ${body}\n\n` : `${body}\n`);
    }
  } finally {
    clearInterval(heartbeat);
    if (!res.destroyed && !res.writableEnded) res.end();
  }
}

/** The database file behind a file-backed SQLite store (its better-sqlite3 handle's `name`). */
function storeFile(store: EventStore): string | undefined {
  const db = (store as { database?: { name?: unknown; memory?: unknown } }).database;
  if (db === undefined || typeof db.name !== 'string' || db.memory === true) return undefined;
  if (db.name === '' || db.name === ':memory:') return undefined;
  return db.name;
}

/** What registerStreamRoutes gives back. */
export interface StreamRoutes {
  /**
   * Resolves once the reader threads (when configured) have opened the
   * store; streams opened before wait for them. Immediate without threads.
   */
  ready(): Promise<void>;
}

/**
 * Registers GET /v1/stream on `app` (see the module comment). Streams still
 * open when the app closes are ended (or destroyed, when their client is
 * not reading), so `app.close()` does not wait for SIEM clients.
 */
export function registerStreamRoutes(app: FastifyInstance, deps: StreamDeps): StreamRoutes {
  const heartbeatMs = deps.heartbeatMs ?? DEFAULT_STREAM_HEARTBEAT_MS;
  const pageSize = deps.pageSize ?? DEFAULT_STREAM_PAGE_SIZE;
  const productVersion = deps.productVersion ?? ledgerVersion();
  const formatters = new Map<SiemFormat, SiemFormatter>(
    SIEM_FORMATS.map((f) => [f, createSiemFormatter(f, { productVersion })]),
  );
  const cacheEntries = deps.cacheEntries ?? DEFAULT_STREAM_CACHE_ENTRIES;
  // one cache per (format, mode): the frames differ
  const caches = new Map<string, FrameCache>();
  const cacheFor = (format: SiemFormat, mode: StreamMode): FrameCache => {
    const key = `${format}/${mode}`;
    let c = caches.get(key);
    if (c === undefined) {
      c = new FrameCache(cacheEntries);
      caches.set(key, c);
    }
    return c;
  };
  const readerPath =
    deps.readerThreads === undefined
      ? undefined
      : (deps.readerThreads.path ?? storeFile(deps.store));
  const threaded: Threaded | undefined =
    deps.readerThreads === undefined || readerPath === undefined
      ? undefined
      : {
          pool: new ReaderPool({
            path: readerPath,
            ...(deps.readerThreads.threads === undefined
              ? {}
              : { threads: deps.readerThreads.threads }),
            productVersion,
            cacheEntries,
          }),
          watcher: new HeadWatcher(deps.store),
        };
  const active = new Set<ActiveStream>();
  let eventsSent = 0;
  if (deps.metrics) {
    deps.metrics.gauge(
      'ledger_stream_subscribers',
      'Open SIEM stream connections',
      () => active.size,
    );
    deps.metrics.gauge(
      'ledger_stream_events_sent',
      'Records sent on SIEM streams since start',
      () => eventsSent,
    );
  }

  app.addHook('preClose', (done) => {
    for (const s of active) {
      s.abort.abort();
      // a client that is not reading would hold the server open: cut it
      if (s.res.writableLength > 0) s.res.destroy();
    }
    threaded?.watcher.close();
    done();
  });
  if (threaded !== undefined) app.addHook('onClose', () => threaded.pool.close());

  // fastify: an async handler that hijacks the reply returns it
  app.get(
    '/v1/stream',
    { preHandler: requireScope('ledger:stream') },
    async (request: FastifyRequest, reply) => {
      const parsed = parseStreamRequest(request.query, request.headers);
      const tenant = request.principal!.tenant;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type':
          parsed.mode === 'sse'
            ? 'text/event-stream; charset=utf-8'
            : 'application/x-ndjson; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      if (parsed.mode === 'sse') res.write(`retry: ${SSE_RETRY_MS}\n\n`);
      else res.flushHeaders();
      const stream: ActiveStream = { abort: new AbortController(), res };
      active.add(stream);
      res.once('close', () => stream.abort.abort());
      pump(
        res,
        stream.abort.signal,
        {
          request: parsed,
          tenant,
          pageSize,
          lookAhead: PAGES_AHEAD_PER_THREAD * Math.max(1, deps.readerThreads?.threads ?? 1),
          heartbeatMs,
          onSent: (n) => {
            eventsSent += n;
          },
          shared: () => active.size > 1,
        },
        threaded ?? {
          store: deps.store,
          formatter: formatters.get(parsed.format)!,
          cache: cacheFor(parsed.format, parsed.mode),
        },
      )
        .catch((e: unknown) => request.log.error({ err: e }, 'stream failed'))
        .finally(() => active.delete(stream));
      return reply;
    },
  );
  return { ready: () => threaded?.pool.ready() ?? Promise.resolve() };
}
