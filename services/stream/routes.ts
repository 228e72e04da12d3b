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
import {
  SIEM_FORMATS,
  createSiemFormatter,
  isSiemFormat,
  toSiemEvent,
} from '../../projections/siem/index.js';
import type { SiemFormat, SiemFormatter } from '../../projections/siem/index.js';
import { requireScope } from '../auth.js';
import type { Metrics } from '../metrics.js';
import { ledgerVersion } from './version.js';

/** Heartbeat period of an idle stream. */
export const DEFAULT_STREAM_HEARTBEAT_MS = 15_000;
/** Events read from the store per pull. */
export const DEFAULT_STREAM_PAGE_SIZE = 500;
/** SSE `retry:` sent to clients: how long EventSource waits before reconnecting. */
export const SSE_RETRY_MS = 2000;

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
}

/** Stream modes. */
export type StreamMode = 'sse' | 'ndjson';

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

/**
 * Recently encoded frames (the SSE event or NDJSON line, as UTF-8 bytes) by
 * position. A position's bytes never change (the log is append-only), so
 * subscribers following the same part of the log format and encode each
 * event once instead of once each. Oldest entries are evicted first.
 */
class FrameCache {
  readonly #entries = new Map<number, Buffer>();

  constructor(private readonly max: number) {}

  get(position: number, make: () => string): Buffer {
    let v = this.#entries.get(position);
    if (v === undefined) {
      v = Buffer.from(make(), 'utf8');
      if (this.max > 0) {
        this.#entries.set(position, v);
        if (this.#entries.size > this.max) {
          const oldest = this.#entries.keys().next();
          if (oldest.done !== true) this.#entries.delete(oldest.value);
        }
      }
    }
    return v;
  }
}

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
  readonly store: EventStore;
  readonly request: StreamRequest;
  readonly tenant: string;
  readonly formatter: SiemFormatter;
  /** Cache of this stream's frames (SSE event / NDJSON line) for its format and mode. */
  readonly cache: FrameCache;
  readonly pageSize: number;
  readonly heartbeatMs: number;
  readonly onSent: (n: number) => void;
}

async function pump(res: ServerResponse, signal: AbortSignal, o: PumpOptions): Promise<void> {
  const sse = o.request.mode === 'sse';
  const { tenant, formatter } = o;
  const types = o.request.types;
  let scanned = o.request.after;
  let announced = o.request.after;
  const heartbeat = setInterval(() => {
    if (res.writableEnded || res.destroyed) return;
    if (!sse) res.write('\n');
    else if (scanned !== announced) {
      // an id-only event moves the client's Last-Event-ID past filtered-out positions
      res.write(`id: ${scanned}\n\n`);
      announced = scanned;
    } else res.write(': keep-alive\n\n');
  }, o.heartbeatMs);
  heartbeat.unref();
  try {
    for await (const page of o.store.subscribe({
      after: o.request.after,
      batchSize: o.pageSize,
      signal,
    })) {
      const frames: Buffer[] = [];
      let lastSent = announced;
      for (const stored of page) {
        if (stored.tenantId !== tenant) continue;
        if (types !== undefined && !types.has(stored.type)) continue;
        frames.push(
          o.cache.get(stored.position, () => {
            const e = toSiemEvent(stored);
            if (sse) return `id: ${stored.position}\ndata: ${formatter.line(e)}\n\n`;
            // NDJSON lines are JSON: a CEF line travels wrapped as {position, tenant, cef}
            return `${formatter.format === 'cef' ? JSON.stringify(formatter.record(e)) : formatter.line(e)}\n`;
          }),
        );
        lastSent = stored.position;
      }
      const sent = frames.length;
      const last = page[page.length - 1];
      if (last !== undefined) scanned = last.position;
      if (sent > 0) {
        announced = lastSent;
        o.onSent(sent);
        // pull the next page only once the socket can take more
        if (!res.write(Buffer.concat(frames))) await drained(res, signal);
      }
      if (signal.aborted || res.destroyed) break;
    }
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

/**
 * Registers GET /v1/stream on `app` (see the module comment). Streams still
 * open when the app closes are ended (or destroyed, when their client is
 * not reading), so `app.close()` does not wait for SIEM clients.
 */
export function registerStreamRoutes(app: FastifyInstance, deps: StreamDeps): void {
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
    done();
  });

  // fastify: an async handler that hijacks the reply returns it
  app.get(
    '/v1/stream',
    { preHandler: requireScope('ledger:stream') },
    async (request: FastifyRequest, reply) => {
      const parsed = parseStreamRequest(request.query, request.headers);
      const tenant = request.principal!.tenant;
      const formatter = formatters.get(parsed.format)!;
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
      pump(res, stream.abort.signal, {
        store: deps.store,
        request: parsed,
        tenant,
        formatter,
        cache: cacheFor(parsed.format, parsed.mode),
        pageSize,
        heartbeatMs,
        onSent: (n) => {
          eventsSent += n;
        },
      })
        .catch((e: unknown) => request.log.error({ err: e }, 'stream failed'))
        .finally(() => active.delete(stream));
      return reply;
    },
  );
}
