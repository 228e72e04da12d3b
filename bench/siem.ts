/**
 * `node dist/bench/siem.js` (after `npx tsc`) — SIEM stream and push throughput.
 *
 * The ledger (HTTP shell + stream routes, SQLite store preloaded with
 * simulated gateway traffic) runs in this thread; the SSE clients and the
 * plain TCP sink run in a worker thread, so clients and server do not share
 * an event loop (they share the machine's cores). Figures, all from one run:
 *
 *   baseline  raw store read (subscribe, no decoding) and format-only rates
 *             (decode + format + serialise, one thread)
 *   sse-1     one SSE subscriber catching up on EVENTS events, per format
 *   sse-10    ten concurrent SSE subscribers (OCSF), total and slowest
 *   ingest    direct store appends in batches of 100 alone, then with ten
 *             live SSE subscribers following (the subscribers format and
 *             send every event)
 *
 * sse-1, sse-10 and ingest-with-ten are measured twice on the same store:
 * with the stream's reader threads (`readerThreads`: read, format and frame
 * off the main thread) and, as the same-run baseline, in-process (the main
 * thread reads, formats and writes); each line prints both and the ratio.
 *   syslog    the syslog connector (CEF over TCP, one connection per
 *             delivery, acknowledged by orderly close + reconnect) catching
 *             up on EVENTS events into (a) a plain TCP sink that reads and
 *             discards, (b) Debian's rsyslogd writing every message to a file
 *             (skipped, and said so, when rsyslog is not installed)
 *
 * BENCH_SIEM_EVENTS (default 200000) sets EVENTS. Each sse-1 figure is the
 * median of BENCH_SIEM_RUNS runs (default 3; the range is printed too): on
 * the shared 2-core VMs one run swings by ±25 %.
 */
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { decodeAuditEvent, encodeAuditEvent, payloadType } from '../ledger/events/index.js';
import { START } from '../ledger/store/event-store.js';
import type { NewEvent } from '../ledger/store/event-store.js';
import { openSqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import { createSiemFormatter, toSiemEvent } from '../projections/siem/index.js';
import type { SiemFormat } from '../projections/siem/index.js';
import { mintToken } from '../services/auth.js';
import { DEFAULT_STREAM_THREADS, loadConfig } from '../services/config.js';
import { parseConnectorsConfig } from '../services/connectors/config.js';
import { startConnectors } from '../services/connectors/manager.js';
import { buildHttpShell } from '../services/http.js';
import { createMetrics } from '../services/metrics.js';
import { TrafficGenerator } from '../services/simulate/traffic.js';
import { registerStreamRoutes } from '../services/stream/routes.js';

/** Runs per sse-1 figure (the median is reported). */
const SSE_SINGLE_RUNS = Math.max(1, Number(process.env.BENCH_SIEM_RUNS ?? 3));
/** Reader threads of the stream (LEDGER_STREAM_THREADS in serve; the same default). */
const STREAM_THREADS = Number(process.env.BENCH_STREAM_THREADS ?? DEFAULT_STREAM_THREADS);
const SECRET = 'siem-bench-secret-0123456789abcdef0123456789';

// ------------------------------------------------------------------ worker side

interface SseJob {
  readonly kind: 'sse';
  readonly url: string;
  readonly token: string;
  readonly subscribers: number;
  /** Data events each subscriber must receive. */
  readonly count: number;
}
interface SinkJob {
  readonly kind: 'sink';
}
type Job = SseJob | SinkJob;

interface SseResult {
  readonly elapsedMs: number[];
  readonly events: number[];
}

const DATA_MARKER = Buffer.from('\ndata: ');

/** SSE data lines that start in `b`. */
function markersIn(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(DATA_MARKER); i >= 0; i = b.indexOf(DATA_MARKER, i + DATA_MARKER.length))
    n++;
  return n;
}

/** Counts SSE data events on one connection until `count`, then hangs up. */
function subscribe(
  url: string,
  token: string,
  count: number,
): Promise<{ ms: number; events: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: { authorization: `Bearer ${token}` }, agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        let n = 0;
        // the last bytes of the previous chunk: a marker split across chunks is found in them
        let tail = Buffer.alloc(0);
        res.on('data', (chunk: Buffer) => {
          // count in the bytes (no text decoding): the client stands for a SIEM on another machine,
          // so it should take as little of this machine's CPU as it can
          n += markersIn(chunk);
          if (tail.length > 0) {
            n += markersIn(Buffer.concat([tail, chunk.subarray(0, DATA_MARKER.length - 1)]));
          }
          tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - (DATA_MARKER.length - 1))));
          if (n >= count) {
            resolve({ ms: performance.now() - t0, events: n });
            req.destroy();
          }
        });
        res.on('error', () => undefined);
      },
    );
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
    req.end();
  });
}

async function workerMain(): Promise<void> {
  const port = parentPort!;
  port.on('message', (job: Job) => {
    if (job.kind === 'sse') {
      void Promise.all(
        Array.from({ length: job.subscribers }, () => subscribe(job.url, job.token, job.count)),
      ).then(
        (r) =>
          port.postMessage({
            elapsedMs: r.map((x) => x.ms),
            events: r.map((x) => x.events),
          } satisfies SseResult),
        (e: unknown) => port.postMessage({ error: String(e) }),
      );
    } else {
      // a plain TCP sink: reads and discards, answers the sender's FIN with its own
      const server = createServer((s) => {
        s.on('data', () => undefined);
        s.on('end', () => s.end());
        s.on('error', () => undefined);
      });
      server.listen(0, '127.0.0.1', () => {
        const addr = server.address();
        port.postMessage({ port: typeof addr === 'object' && addr !== null ? addr.port : 0 });
      });
    }
  });
}

// ------------------------------------------------------------------ main side

export interface SiemBenchFigures {
  readonly conditions: {
    readonly events: number;
    readonly loadStart: number;
    readonly loadEnd: number;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    readonly avgEventBytes: number;
  };
  /** events/s */
  readonly baseline: {
    readonly storeRead: number;
    readonly formatOnly: Record<SiemFormat, number>;
  };
  /** Reader threads, and the in-process baseline: medians of SSE_SINGLE_RUNS runs. */
  readonly sseSingle: Record<SiemFormat, number>;
  readonly sseSingleInProcess: Record<SiemFormat, number>;
  /** Every run behind those medians. */
  readonly sseSingleRuns: Record<SiemFormat, number[]>;
  readonly sseSingleInProcessRuns: Record<SiemFormat, number[]>;
  readonly sseTen: SseTenFigures;
  readonly sseTenInProcess: SseTenFigures;
  readonly ingest: {
    readonly alone: number;
    readonly withTenSubscribers: number;
    readonly withTenInProcess: number;
  };
  readonly syslog: {
    readonly plainTcp: number;
    readonly rsyslogTcp: number | undefined;
    readonly rsyslogNote: string;
  };
}

interface SseTenFigures {
  readonly format: SiemFormat;
  readonly total: number;
  readonly slowest: number;
}

function makeEvents(n: number, seed: number): NewEvent[] {
  return eventMaker(seed)(n);
}

/** Simulated gateway traffic from one generator, `n` events per call. */
function eventMaker(seed: number): (n: number) => NewEvent[] {
  const gen = new TrafficGenerator({
    gatewayId: `gw-bench-${seed}`,
    tenantId: 'acme',
    seed,
    concurrentSessions: 50,
  });
  return (n) =>
    Array.from({ length: n }, () => {
      const data = encodeAuditEvent(gen.next());
      const { message } = decodeAuditEvent(data);
      return {
        eventId: message.eventId,
        tenantId: 'acme',
        sessionId: message.sessionId,
        type: payloadType(message) ?? 'unknown',
        data,
      };
    });
}

/**
 * Appends the same `total` simulated events to each store; returns their
 * average size. The events are not kept: held by the server's thread for
 * the whole run (200,000 objects and their strings), they made every
 * collection of its heap mark them again, which cost the stream about a
 * third of its rate through V8's helper threads; a ledger holds no such
 * array.
 */
async function fillStores(stores: readonly SqliteEventStore[], total: number): Promise<number> {
  const next = eventMaker(1);
  let bytes = 0;
  for (let done = 0; done < total; done += 10_000) {
    const events = next(Math.min(10_000, total - done));
    for (const e of events) bytes += e.data.length;
    for (const store of stores) await appendAll(store, events);
  }
  return Math.round(bytes / total);
}

async function appendAll(
  store: SqliteEventStore,
  events: readonly NewEvent[],
  batch = 1000,
): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += batch) await store.append(events.slice(i, i + batch));
  return events.length / ((performance.now() - t0) / 1000);
}

class WorkerClient {
  readonly worker: Worker;
  constructor() {
    this.worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { siemBenchWorker: true },
    });
  }
  run<T>(job: Job): Promise<T> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      this.worker.once('message', (m: T & { error?: string }) => {
        this.worker.off('error', onError);
        if (m.error) reject(new Error(m.error));
        else resolve(m);
      });
      this.worker.once('error', onError);
      this.worker.postMessage(job);
    });
  }
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function rate(events: number, ms: number): number {
  return Math.round(events / (ms / 1000));
}

async function storeReadRate(store: SqliteEventStore, total: number): Promise<number> {
  const ac = new AbortController();
  const t0 = performance.now();
  let n = 0;
  for await (const page of store.subscribe({ after: START, batchSize: 1000, signal: ac.signal })) {
    n += page.length;
    if (n >= total) break;
  }
  ac.abort();
  return rate(n, performance.now() - t0);
}

async function formatRate(
  store: SqliteEventStore,
  format: SiemFormat,
  total: number,
): Promise<number> {
  const f = createSiemFormatter(format, { productVersion: 'bench' });
  const events = await store.read({ after: START, limit: Math.min(total, 10_000) });
  const t0 = performance.now();
  let bytes = 0;
  for (const e of events) bytes += f.line(toSiemEvent(e)).length;
  if (bytes === 0) throw new Error('nothing formatted');
  return rate(events.length, performance.now() - t0);
}

async function syslogRate(
  store: SqliteEventStore,
  dir: string,
  name: string,
  port: number,
  total: number,
): Promise<number> {
  const config = parseConnectorsConfig({
    connectors: [
      { name, type: 'syslog', host: '127.0.0.1', port, format: 'cef', timeoutMs: 60_000 },
    ],
  });
  const head = await store.head();
  const t0 = performance.now();
  const m = startConnectors({ store, config, checkpointsPath: join(dir, `${name}.db`) });
  while ((m.stats()[0]?.checkpoint ?? START) < head) {
    if (performance.now() - t0 > 300_000)
      throw new Error(`${name}: not done after 300 s: ${JSON.stringify(m.stats())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - t0;
  await m.close();
  return rate(total, ms);
}

/** Runs every scenario once; returns the figures (and prints nothing). */
export async function runSiemBench(options: { events?: number } = {}): Promise<SiemBenchFigures> {
  const loadStart = loadavg()[0] ?? 0;
  const total = options.events ?? Number(process.env.BENCH_SIEM_EVENTS ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'audit-ledger-bench-siem-'));
  const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  const syslogStore = openSqliteEventStore({ path: join(dir, 'syslog.db') });
  const avgEventBytes = await fillStores([store, syslogStore], total);

  const config = loadConfig({
    LEDGER_DATA_DIR: dir,
    LEDGER_JWT_SECRET: SECRET,
    LEDGER_LOG_LEVEL: 'silent',
  });
  const serve = async (threads: boolean): Promise<{ app: FastifyInstance; base: string }> => {
    const app = await buildHttpShell({
      auth: config.auth,
      hmacSecret: SECRET,
      metrics: createMetrics(),
      logLevel: 'silent',
    });
    const routes = registerStreamRoutes(app, {
      store,
      ...(threads
        ? { readerThreads: { path: join(dir, 'ledger.db'), threads: STREAM_THREADS } }
        : {}),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    await routes.ready();
    const addr = app.server.address();
    return {
      app,
      base: `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`,
    };
  };
  const threaded = await serve(true);
  const inProcess = await serve(false);
  const token = mintToken({
    secret: SECRET,
    subject: 'siem',
    tenant: 'acme',
    scopes: ['ledger:stream'],
    audience: config.auth.audience,
    ttlSeconds: 3600,
  });
  const clients = new WorkerClient();
  const sinkWorker = new WorkerClient();
  try {
    const storeRead = await storeReadRate(store, total);
    const formatOnly = {
      ocsf: await formatRate(store, 'ocsf', total),
      cef: await formatRate(store, 'cef', total),
      json: await formatRate(store, 'json', total),
    };

    const single = async (base: string): Promise<Record<SiemFormat, number[]>> => {
      const out = { ocsf: [], cef: [], json: [] } as Record<SiemFormat, number[]>;
      // warm-up on the last positions (their cached frames are evicted before the measured run gets there)
      const warm = Math.min(Math.floor(total / 4), 5000);
      for (const format of ['ocsf', 'cef', 'json'] as const) {
        await clients.run<SseResult>({
          kind: 'sse',
          url: `${base}/v1/stream?format=${format}&after=${total - warm - 1}`,
          token,
          subscribers: 1,
          count: warm,
        });
      }
      for (let run = 0; run < SSE_SINGLE_RUNS; run++) {
        for (const format of ['ocsf', 'cef', 'json'] as const) {
          const r = await clients.run<SseResult>({
            kind: 'sse',
            url: `${base}/v1/stream?format=${format}`,
            token,
            subscribers: 1,
            count: total,
          });
          out[format].push(rate(r.events[0]!, r.elapsedMs[0]!));
        }
      }
      return out;
    };
    const sseSingleRuns = await single(threaded.base);
    const sseSingleInProcessRuns = await single(inProcess.base);
    const medians = (runs: Record<SiemFormat, number[]>): Record<SiemFormat, number> => ({
      ocsf: median(runs.ocsf),
      cef: median(runs.cef),
      json: median(runs.json),
    });
    const sseSingle = medians(sseSingleRuns);
    const sseSingleInProcess = medians(sseSingleInProcessRuns);

    const tenOf = async (base: string): Promise<SseTenFigures> => {
      const ten = await clients.run<SseResult>({
        kind: 'sse',
        url: `${base}/v1/stream?format=ocsf`,
        token,
        subscribers: 10,
        count: total / 10,
      });
      const tenMs = Math.max(...ten.elapsedMs);
      return {
        format: 'ocsf' as const,
        total: rate(
          ten.events.reduce((a, b) => a + b, 0),
          tenMs,
        ),
        slowest: rate(total / 10, tenMs),
      };
    };
    const sseTen = await tenOf(threaded.base);
    const sseTenInProcess = await tenOf(inProcess.base);

    // ingest in batches of 100: appends alone, then with ten subscribers following live
    const more = Math.min(100_000, total);
    const alone = await appendAll(store, makeEvents(more, 2), 100);
    const withTenOf = async (base: string, seed: number): Promise<number> => {
      const head = await store.head();
      const liveEvents = makeEvents(more, seed);
      const following = clients.run<SseResult>({
        kind: 'sse',
        url: `${base}/v1/stream?format=ocsf&after=${head}`,
        token,
        subscribers: 10,
        count: more,
      });
      await new Promise((r) => setTimeout(r, 300)); // let the ten connect and go live
      const withTen = await appendAll(store, liveEvents, 100);
      await following;
      return withTen;
    };
    const withTen = await withTenOf(threaded.base, 3);
    const withTenInProcess = await withTenOf(inProcess.base, 4);

    // syslog push over a catch-up of `total` events (only the first `total` positions are needed)
    const { port } = await sinkWorker.run<{ port: number }>({ kind: 'sink' });
    const plainTcp = await syslogRate(syslogStore, dir, 'plain-tcp', port, total);
    let rsyslogTcp: number | undefined;
    let rsyslogNote = 'rsyslogd (Debian), imtcp, direct queue, omfile';
    try {
      const { startRsyslog } = await import('../test/support/rsyslog.js');
      const rs = await startRsyslog(mkdtempSync(join(tmpdir(), 'audit-ledger-bench-rsyslog-')));
      try {
        rsyslogTcp = await syslogRate(syslogStore, dir, 'rsyslog-tcp', rs.tcpPort, total);
      } finally {
        await rs.kill('SIGTERM');
      }
    } catch (e) {
      rsyslogNote = `not measured: ${(e as Error).message}`;
    }
    await syslogStore.close();

    return {
      conditions: {
        events: total,
        loadStart,
        loadEnd: loadavg()[0] ?? 0,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        avgEventBytes,
      },
      baseline: { storeRead, formatOnly },
      sseSingle,
      sseSingleInProcess,
      sseSingleRuns,
      sseSingleInProcessRuns,
      sseTen,
      sseTenInProcess,
      ingest: {
        alone: Math.round(alone),
        withTenSubscribers: Math.round(withTen),
        withTenInProcess: Math.round(withTenInProcess),
      },
      syslog: { plainTcp, rsyslogTcp, rsyslogNote },
    };
  } finally {
    await clients.worker.terminate();
    await sinkWorker.worker.terminate();
    await threaded.app.close();
    await inProcess.app.close();
    await store.close();
  }
}

const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(2) : 'n/a');

const fmt = (n: number | undefined): string =>
  n === undefined ? 'n/a' : n.toLocaleString('en-US');

/** `(median of 3: 31,000–48,000)`, or nothing for a single run. */
const range = (runs: readonly number[]): string =>
  runs.length < 2
    ? ''
    : `(median of ${runs.length}: ${fmt(Math.min(...runs))}–${fmt(Math.max(...runs))})`;

function print(f: SiemBenchFigures): void {
  const c = f.conditions;
  const goal = (n: number, g: number): string =>
    n >= g ? `ok (goal ${fmt(g)})` : `BELOW goal ${fmt(g)}`;
  const lines = [
    `SIEM bench: ${fmt(c.events)} events (avg ${c.avgEventBytes} B protobuf), SQLite store, loopback, ${c.cpus} × ${c.cpuModel}, node ${c.node}`,
    `  load average ${c.loadStart.toFixed(1)} at start / ${c.loadEnd.toFixed(1)} at end; clients in a worker thread; server and store in the main thread`,
    `  "threads": stream reader threads read+format off the main thread; "in-process": main thread does it (same-run baseline)`,
    ``,
    `  baseline  store read (subscribe, no decode)      ${fmt(f.baseline.storeRead)} events/s`,
    `  baseline  decode+format, one thread: ocsf ${fmt(f.baseline.formatOnly.ocsf)}  cef ${fmt(f.baseline.formatOnly.cef)}  json ${fmt(f.baseline.formatOnly.json)} events/s`,
    ...(['ocsf', 'cef', 'json'] as const).map(
      (k) =>
        `  sse-1     one subscriber, catch-up, ${k.padEnd(4)}: threads ${fmt(f.sseSingle[k])} events/s ${range(f.sseSingleRuns[k])}, in-process ${fmt(f.sseSingleInProcess[k])} ${range(f.sseSingleInProcessRuns[k])} (×${ratio(f.sseSingle[k], f.sseSingleInProcess[k])})   ${goal(f.sseSingle[k], 50_000)}`,
    ),
    `  sse-10    ten subscribers (${f.sseTen.format}), together: threads ${fmt(f.sseTen.total)} events/s (slowest ${fmt(f.sseTen.slowest)}), in-process ${fmt(f.sseTenInProcess.total)} (×${ratio(f.sseTen.total, f.sseTenInProcess.total)})   ${goal(f.sseTen.total, 50_000)}`,
    `  ingest    store appends in batches of 100 alone ${fmt(f.ingest.alone)} events/s`,
    `  ingest    with ten live OCSF subscribers: threads ${fmt(f.ingest.withTenSubscribers)} events/s (×${ratio(f.ingest.withTenSubscribers, f.ingest.alone)} of alone), in-process ${fmt(f.ingest.withTenInProcess)} (×${ratio(f.ingest.withTenInProcess, f.ingest.alone)})   ${goal(f.ingest.withTenSubscribers, 50_000)}`,
    `  syslog    CEF over TCP, plain TCP sink            ${fmt(f.syslog.plainTcp)} events/s   ${goal(f.syslog.plainTcp, 20_000)}`,
    `  syslog    CEF over TCP, rsyslogd → file           ${fmt(f.syslog.rsyslogTcp)} events/s   ${f.syslog.rsyslogTcp === undefined ? f.syslog.rsyslogNote : `${goal(f.syslog.rsyslogTcp, 20_000)}; ${f.syslog.rsyslogNote}`}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

if (
  !isMainThread &&
  (workerData as { siemBenchWorker?: boolean } | undefined)?.siemBenchWorker === true
) {
  void workerMain();
} else if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  runSiemBench().then(print, (e: unknown) => {
    process.stderr.write(
      `bench:siem failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 1;
  });
}
