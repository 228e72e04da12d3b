/**
 * `node dist/bench/projections.js` (after `npx tsc`) — the projections'
 * performance targets, on one SQLite store pre-filled with simulated gateway
 * traffic (two tenants, humans and AI agents, over the last ~80 days):
 *
 * 1. catch-up throughput: every projection rebuilt from zero, events/s, against
 *    the baseline of the same run: reading and decoding the same store alone;
 * 2. `GET /v1/events?actor=…&from=…&to=…` and `GET /v1/sessions/:id` over real
 *    HTTP on the pre-filled store: p50 / p99 / max;
 * 3. projection lag under a steady ingest of 20,000 events/s (each batch
 *    decoded and validated as ingest does, then appended), per event from its
 *    durable commit to its projection's commit: p50 / p99 / max.
 *
 * BENCH_EVENTS (default 1,000,000) sizes the store; BENCH_SECONDS (default 60)
 * the steady-ingest run; BENCH_RATE (default 20,000) its rate.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ledger } from '../proto/generated/ledger.js';
import { decodeBatchProtobuf, payloadType, validateBatch } from '../ledger/events/index.js';
import { START } from '../ledger/store/event-store.js';
import type { NewEvent } from '../ledger/store/event-store.js';
import { openSqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import {
  createProjectionRunner,
  loadControlMapping,
  openSqliteViewStore,
  positionIsLeafIndex,
  projectStoredEvents,
  startProjectionThread,
  startProjectionThreads,
} from '../projections/index.js';
import type {
  ProjectionBatchInfo,
  ProjectionRunner,
  SqliteViewStore,
} from '../projections/index.js';
import { ensureDevSecret, mintToken } from '../services/auth.js';
import { loadConfig } from '../services/config.js';
import { buildHttpShell } from '../services/http.js';
import { createMetrics } from '../services/metrics.js';
import { registerQueryRoutes } from '../services/query/routes.js';
import { TrafficGenerator } from '../services/simulate/traffic.js';
import { benchDir, fmt } from './lib.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_RATE ?? 20_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);
type Mode = 'inline' | 'thread' | 'threads';
const modeOf = (raw: string | undefined): Mode =>
  raw === 'inline' || raw === 'threads' ? raw : 'thread';
/**
 * Where projections run, in the steady-ingest scenario and in the rebuild: `thread` (default: one
 * worker thread, as serve and `audit-ledger rebuild` run them), `threads` (split over two) or `inline`.
 */
const LAG_MODE = modeOf(process.env.BENCH_LAG_MODE);
const REBUILD_MODE = modeOf(process.env.BENCH_REBUILD_MODE);
const TENANTS = ['acme', 'globex'] as const;
const HUMANS = ['u-1001', 'u-1002', 'u-1003', 'u-1004', 'u-1005'];
const DAY = 86_400_000;

/** Latency figures of one scenario, milliseconds. */
export interface Latency {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Everything the bench measured, with the conditions it ran under. */
export interface ProjectionsBenchFigures {
  readonly conditions: {
    readonly events: number;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly loadAverage: number;
    readonly node: string;
  };
  readonly prefill: { readonly seconds: number; readonly eventsPerSecond: number };
  /** Reading and decoding the store, nothing else. */
  readonly baseline: { readonly eventsPerSecond: number; readonly cpuMicrosPerEvent: number };
  /** All four projections rebuilt from zero. */
  readonly catchUp: {
    readonly eventsPerSecond: number;
    readonly mode: string;
    readonly cpuMicrosPerEvent: number;
    /** 1 / CPU time per event: the rate one core fully given to projecting sustains. */
    readonly eventsPerCpuSecond: number;
    readonly ratioToBaseline: number;
  };
  readonly queries: {
    /** Same server, same run: a query whose actor is unknown (HTTP, auth, routing, no rows). */
    readonly baseline: Latency;
    readonly eventsByActorAndTime: Latency;
    readonly sessionById: Latency;
  };
  readonly steadyIngest: {
    readonly seconds: number;
    readonly targetRate: number;
    readonly achievedRate: number;
    readonly mode: string;
    readonly lagMs: Latency;
    /** Same run: each append's latency (call → durable commit), the write path's own delay. */
    readonly appendMs: Latency;
  };
}

function percentiles(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? 0 };
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return u.user + u.system;
}

/** Stored events as NewEvents: exact bytes plus routing metadata. */
function toNew(events: readonly ledger.v1.IAuditEvent[]): NewEvent[] {
  return events.map((e) => {
    const data = ledger.v1.AuditEvent.encode(e).finish();
    return {
      eventId: e.eventId ?? '',
      tenantId: e.tenantId ?? '',
      sessionId: e.sessionId ?? '',
      type: payloadType(ledger.v1.AuditEvent.decode(data)) ?? 'unknown',
      data,
    };
  });
}

async function prefill(store: SqliteEventStore, sessions: string[]): Promise<number> {
  // occurred_at from ~80 days ago up to about now, as the generator asks its clock
  const span = 80 * DAY;
  let clock = Date.now() - span;
  const step = span / (EVENTS * 1.4);
  const gens = TENANTS.map(
    (tenantId, i) =>
      new TrafficGenerator({
        tenantId,
        gatewayId: `gw-${tenantId}`,
        seed: 100 + i,
        concurrentSessions: 200,
        now: () => (clock += step),
      }),
  );
  const started = performance.now();
  for (let n = 0, b = 0; n < EVENTS; b++) {
    const gen = gens[b % gens.length] as TrafficGenerator;
    const size = Math.min(1000, EVENTS - n);
    const batch = Array.from({ length: size }, () => gen.next());
    for (const e of batch) {
      if (e.sessionOpened && sessions.length < 50_000 && Math.random() < 0.2) {
        sessions.push(`${e.tenantId ?? ''}/${e.sessionId ?? ''}`);
      }
    }
    await store.append(toNew(batch));
    n += size;
    if (b % 100 === 0)
      process.stderr.write(`\rbench:projections: prefill ${fmt(n)} / ${fmt(EVENTS)} events`);
  }
  process.stderr.write('\n');
  return (performance.now() - started) / 1000;
}

async function baseline(
  store: SqliteEventStore,
): Promise<{ eventsPerSecond: number; cpuMicrosPerEvent: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let n = 0;
  for (let after = START; ;) {
    const page = await store.read({ after, limit: 1000 });
    const last = page[page.length - 1];
    if (last === undefined) break;
    n += projectStoredEvents(page, positionIsLeafIndex).events.length;
    after = last.position;
  }
  const seconds = (performance.now() - started) / 1000;
  return { eventsPerSecond: n / seconds, cpuMicrosPerEvent: cpuMicros(cpu) / n };
}

async function queryLatency(
  store: SqliteEventStore,
  views: SqliteViewStore,
  sessions: readonly string[],
  dir: string,
): Promise<{ baseline: Latency; eventsByActorAndTime: Latency; sessionById: Latency }> {
  const config = loadConfig({ LEDGER_DATA_DIR: dir, LEDGER_LOG_LEVEL: 'silent' });
  const secret = ensureDevSecret(dir);
  const app = await buildHttpShell({
    auth: config.auth,
    hmacSecret: secret,
    metrics: createMetrics(),
    logLevel: 'silent',
  });
  registerQueryRoutes(app, { views, store, mapping: loadControlMapping() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
  const tokens = new Map<string, string>(
    TENANTS.map((t) => [
      t,
      mintToken({
        secret,
        subject: 'bench-auditor',
        tenant: t,
        scopes: ['ledger:read'],
        audience: config.auth.audience,
        ttlSeconds: 3600,
      }),
    ]),
  );
  const timed = async (path: string, tenant: string): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${tokens.get(tenant) ?? ''}` },
    });
    const body = (await res.json()) as { items?: unknown[]; timeline?: { items: unknown[] } };
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return ms;
  };
  try {
    const now = Date.now();
    const base: number[] = [];
    const byActor: number[] = [];
    const byId: number[] = [];
    for (let i = 0; i < 20; i++) await timed(`/v1/events?actor=u-1001&limit=100`, 'acme'); // warm-up
    for (let i = 0; i < QUERIES; i++) {
      const tenant = TENANTS[i % TENANTS.length] as string;
      const actor = HUMANS[i % HUMANS.length] as string;
      const from = now - Math.floor(Math.random() * 75 + 7) * DAY;
      base.push(await timed(`/v1/events?actor=nobody-${i}&limit=100`, tenant));
      const q = `/v1/events?actor=${actor}&from=${new Date(from).toISOString()}&to=${new Date(from + 7 * DAY).toISOString()}&limit=100`;
      byActor.push(await timed(q, tenant));
      const pick = sessions[Math.floor(Math.random() * sessions.length)] ?? '/';
      const [t, id] = pick.split('/') as [string, string];
      byId.push(await timed(`/v1/sessions/${encodeURIComponent(id)}`, t));
    }
    return {
      baseline: percentiles(base),
      eventsByActorAndTime: percentiles(byActor),
      sessionById: percentiles(byId),
    };
  } finally {
    await app.close();
  }
}

async function steadyIngest(
  store: SqliteEventStore,
  views: SqliteViewStore,
  dir: string,
): Promise<{
  seconds: number;
  targetRate: number;
  achievedRate: number;
  mode: string;
  lagMs: Latency;
  appendMs: Latency;
}> {
  const lags: number[] = [];
  const appends: number[] = [];
  let runner: ProjectionRunner;
  let close: () => Promise<void>;
  if (LAG_MODE !== 'inline') {
    // the serving shape: ingest on the main thread, projections on their own (startProjections({ thread }))
    await views.close();
    const start = LAG_MODE === 'threads' ? startProjectionThreads : startProjectionThread;
    const thread = await start({
      store: { kind: 'sqlite', path: join(dir, 'ledger.db') },
      viewsPath: join(dir, 'views.db'),
      leafIndexIsPosition: true,
      reportEventLags: true,
      onBatch: (b) => {
        if (b.applied.includes('events')) lags.push(...(b.lagsMs ?? []));
      },
    });
    runner = thread;
    close = () => thread.close();
  } else {
    const inline = createProjectionRunner({
      store,
      views,
      leafIndexOf: positionIsLeafIndex,
      onBatch: (b: ProjectionBatchInfo) => {
        if (!b.applied.includes('events')) return;
        for (const e of b.page) lags.push(b.committedAt - e.recordedAt);
      },
    });
    await inline.start();
    runner = inline;
    close = () => inline.stop();
  }
  await runner.waitFor(await store.head(), 600_000);
  lags.length = 0;
  const gens = TENANTS.map(
    (tenantId, i) =>
      new TrafficGenerator({
        tenantId,
        gatewayId: `gw-${tenantId}`,
        seed: 900 + i,
        concurrentSessions: 200,
      }),
  );
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((RATE * tickMs) / 1000));
  const started = performance.now();
  let sent = 0;
  let tick = 0;
  const pending: Promise<unknown>[] = [];
  while (performance.now() - started < SECONDS * 1000) {
    const gen = gens[tick % gens.length] as TrafficGenerator;
    const batch = ledger.v1.EventBatch.encode({
      events: Array.from({ length: perTick }, () => gen.next()),
    }).finish();
    // what ingest does before appending: decode and validate the batch
    const valid = validateBatch(decodeBatchProtobuf(batch), { now: Date.now() });
    const t0 = performance.now();
    pending.push(
      store
        .append(
          valid.map((e) => ({
            eventId: e.eventId,
            tenantId: e.tenantId,
            sessionId: e.sessionId,
            type: e.type,
            data: e.bytes,
          })),
        )
        .then(() => appends.push(performance.now() - t0)),
    );
    sent += perTick;
    tick++;
    const due = started + tick * tickMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (pending.length > 100) await Promise.all(pending.splice(0));
    if (tick % 100 === 0) {
      const s = runner.status()[0];
      process.stderr.write(
        `\rbench:projections: steady ingest ${((performance.now() - started) / 1000).toFixed(0)} s, lag ${fmt(s?.lagEvents ?? 0)} events   `,
      );
    }
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  await runner.waitFor(await store.head(), 600_000);
  await close();
  process.stderr.write('\n');
  return {
    seconds,
    targetRate: RATE,
    achievedRate: sent / seconds,
    mode:
      LAG_MODE === 'inline'
        ? 'projections on the ingest thread'
        : LAG_MODE === 'thread'
          ? 'projections on a worker thread'
          : 'projections on two worker threads',
    lagMs: percentiles(lags),
    appendMs: percentiles(appends),
  };
}

/** Runs every scenario and returns the figures (prints progress on stderr). */
export async function runProjectionsBench(): Promise<ProjectionsBenchFigures> {
  const dir = benchDir();
  const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  const views = openSqliteViewStore({ path: join(dir, 'views.db'), mapping: loadControlMapping() });
  try {
    const conditions = {
      events: EVENTS,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage: loadavg()[0] ?? 0,
      node: process.version,
    };
    const sessions: string[] = [];
    const prefillSeconds = await prefill(store, sessions);
    process.stderr.write('bench:projections: baseline (read + decode)...\n');
    const base = await baseline(store);
    process.stderr.write('bench:projections: rebuilding every projection from zero...\n');
    // the shape `audit-ledger rebuild` uses: one worker thread (BENCH_REBUILD_MODE=threads|inline)
    const runner: ProjectionRunner & { close?: () => Promise<void> } =
      REBUILD_MODE === 'inline'
        ? createProjectionRunner({ store, views, leafIndexOf: positionIsLeafIndex })
        : await (REBUILD_MODE === 'threads' ? startProjectionThreads : startProjectionThread)({
            store: { kind: 'sqlite', path: join(dir, 'ledger.db') },
            viewsPath: join(dir, 'views.db'),
            leafIndexIsPosition: true,
            follow: false,
          });
    // process-wide: every thread's CPU time
    const cpu = process.cpuUsage();
    const rebuilt = await runner.rebuild({
      onProgress: (p) => {
        if (p.events % 100_000 < 5000) {
          process.stderr.write(
            `\rbench:projections: rebuild ${fmt(p.events)} events, ${fmt(p.eventsPerSecond)} events/s  `,
          );
        }
      },
    });
    const catchUpCpu = cpuMicros(cpu) / rebuilt.events;
    await runner.close?.();
    process.stderr.write('\nbench:projections: query latency over HTTP...\n');
    const queries = await queryLatency(store, views, sessions, dir);
    process.stderr.write(
      `bench:projections: steady ingest at ${fmt(RATE)} events/s for ${SECONDS} s...\n`,
    );
    const steady = await steadyIngest(store, views, dir);
    return {
      conditions,
      prefill: { seconds: prefillSeconds, eventsPerSecond: EVENTS / prefillSeconds },
      baseline: base,
      catchUp: {
        eventsPerSecond: rebuilt.eventsPerSecond,
        mode:
          REBUILD_MODE === 'inline'
            ? 'on the main thread'
            : REBUILD_MODE === 'thread'
              ? 'on a worker thread'
              : 'on two worker threads',
        cpuMicrosPerEvent: catchUpCpu,
        eventsPerCpuSecond: 1e6 / catchUpCpu,
        ratioToBaseline: rebuilt.eventsPerSecond / base.eventsPerSecond,
      },
      queries,
      steadyIngest: steady,
    };
  } finally {
    await views.close();
    await store.close();
  }
}

function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'BELOW TARGET';
}

/** Prints the figures with the conditions they were measured under. */
export function printProjections(f: ProjectionsBenchFigures): void {
  const c = f.conditions;
  const lat = (l: Latency): string =>
    `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms (${l.count} requests)`;
  console.log(
    `\nProjections on ${fmt(c.events)} simulated events (2 tenants, ~80 days), SQLite store and views;` +
      `\n${c.cpus} × ${c.cpuModel}, ${c.node}, load average ${c.loadAverage.toFixed(2)} at start`,
  );
  console.log(`prefill (append only):                 ${fmt(f.prefill.eventsPerSecond)} events/s`);
  console.log(
    `baseline, read + decode + validate:    ${fmt(f.baseline.eventsPerSecond)} events/s (${f.baseline.cpuMicrosPerEvent.toFixed(1)} µs CPU/event)`,
  );
  console.log(
    `all 4 projections, rebuild from zero ${f.catchUp.mode}:  ${fmt(f.catchUp.eventsPerSecond)} events/s (${f.catchUp.cpuMicrosPerEvent.toFixed(1)} µs CPU/event), ` +
      `${(f.catchUp.ratioToBaseline * 100).toFixed(0)} % of baseline — target >= 50,000: ${verdict(f.catchUp.eventsPerSecond >= 50_000)}` +
      `\n  per CPU-second (1 / CPU time per event, what one free core sustains): ${fmt(f.catchUp.eventsPerCpuSecond)} events/s`,
  );
  const ratio = (l: Latency, b: Latency): string =>
    b.p99 > 0 ? `${(l.p99 / b.p99).toFixed(1)} × baseline p99` : 'n/a';
  console.log(
    `baseline, GET /v1/events?actor=<unknown>: ${lat(f.queries.baseline)} (HTTP, auth, routing, no rows)`,
  );
  console.log(
    `GET /v1/events?actor&from&to (100/page): ${lat(f.queries.eventsByActorAndTime)}, ${ratio(f.queries.eventsByActorAndTime, f.queries.baseline)} — target p99 < 50 ms: ${verdict(f.queries.eventsByActorAndTime.p99 < 50)}`,
  );
  console.log(
    `GET /v1/sessions/:id (with timeline):  ${lat(f.queries.sessionById)}, ${ratio(f.queries.sessionById, f.queries.baseline)} — target p99 < 50 ms: ${verdict(f.queries.sessionById.p99 < 50)}`,
  );
  const s = f.steadyIngest;
  console.log(
    `steady ingest ${fmt(s.achievedRate)} events/s (target ${fmt(s.targetRate)}) for ${s.seconds.toFixed(0)} s (decode + validate + durable append), ${s.mode}:` +
      `\n  projection lag per event (durable commit → projection commit): p50 ${fmt(s.lagMs.p50)} ms, p99 ${fmt(s.lagMs.p99)} ms, max ${fmt(s.lagMs.max)} ms` +
      ` — target p99 < 1 s: ${verdict(s.lagMs.p99 < 1000)}` +
      `\n  baseline, same run: append call → durable commit p50 ${fmt(s.appendMs.p50)} ms, p99 ${fmt(s.appendMs.p99)} ms; ` +
      `lag p99 = ${s.appendMs.p99 > 0 ? (s.lagMs.p99 / s.appendMs.p99).toFixed(1) : 'n/a'} × append p99`,
  );
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await runProjectionsBench();
  printProjections(figures);
  console.log(JSON.stringify(figures));
}
