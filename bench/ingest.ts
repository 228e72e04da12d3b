/**
 * `npm run bench:ingest` — end-to-end ingest over HTTP with JWT and durable
 * commits, load generator (autocannon) on the same machine, against:
 *   - audit-ledger (`serve`, SQLite, group commit, protobuf decode + validation)
 *   - the baseline: bare fastify + JWT + better-sqlite3 insert, no validation, no protobuf
 * Scenarios: batches of 100 events (10 connections), and one event per request
 * (50 connections). Prints events/s, latency p50/p99 and our/baseline ratio.
 * BENCH_SECONDS (default 30) sets each run's duration.
 *
 * `serve` runs with its sequencer (Merkle log, signed checkpoints) and, by
 * default, without the projections worker and the archiver: those read the
 * log behind ingest and take a core of their own, which a 2-core machine that
 * also runs the load generator does not have. BENCH_INGEST_PIPELINE=full runs
 * serve as deployed, with everything on.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ledger } from '../proto/generated/ledger.js';
import { uuidv7 } from '../ledger/events/uuid.js';
import { ensureDevSecret, mintToken } from '../services/auth.js';
import { TrafficGenerator } from '../services/simulate/traffic.js';
import { UniqueBodies, benchDir, fmt, spawnServer } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const FULL_PIPELINE = process.env.BENCH_INGEST_PIPELINE === 'full';
/** What `serve` runs besides ingest, for the printed conditions. */
const PIPELINE = FULL_PIPELINE
  ? 'serve with sequencer, projections and archiver'
  : 'serve with the sequencer (projections and archiver off)';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Scenario {
  name: string;
  eventsPerRequest: number;
  connections: number;
}

export interface IngestFigure {
  scenario: string;
  target: string;
  eventsPerSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
}

/**
 * Request bodies of `n` events. Event ids are UUIDv7 that keep increasing
 * across requests, as a gateway's ids do (they lead with the creation
 * millisecond): one shared 24-character head, and the last 12 hex digits,
 * which UniqueBodies rewrites with a counter for every request.
 */
function templates(n: number, gatewayId: string, salt: number) {
  const gen = new TrafficGenerator({ gatewayId, tenantId: 'acme', seed: salt });
  const head = uuidv7().slice(0, 24);
  const events = Array.from({ length: n }, (_, i) => ({
    ...gen.next(),
    eventId: `${head}${i.toString(16).padStart(12, '0')}`,
  }));
  const ids = events.map((e) => e.eventId);
  const proto = Buffer.from(ledger.v1.EventBatch.encode({ events }).finish());
  const json = Buffer.from(
    JSON.stringify({
      events: events.map((e) => ({ event_id: e.eventId, ...e, eventId: undefined })),
    }),
  );
  return { proto: new UniqueBodies(proto, ids, salt), json: new UniqueBodies(json, ids, salt) };
}

async function load(
  url: string,
  token: string,
  contentType: string,
  bodies: UniqueBodies,
  s: Scenario,
) {
  const r = await autocannon({
    url: `${url}/v1/events`,
    connections: s.connections,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: bodies.next() }),
      },
    ],
  });
  return {
    eventsPerSecond: (r['2xx'] * s.eventsPerRequest) / r.duration,
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
  };
}

export async function runIngestBench(): Promise<IngestFigure[]> {
  const scenarios: Scenario[] = [
    { name: 'batches of 100 events, 10 connections', eventsPerRequest: 100, connections: 10 },
    { name: '1 event per request, 50 connections', eventsPerRequest: 1, connections: 50 },
  ];
  const figures: IngestFigure[] = [];
  for (const [i, s] of scenarios.entries()) {
    // audit-ledger
    const dir = benchDir();
    const secret = ensureDevSecret(dir);
    const ours = await spawnServer(here('../services/cli.js'), ['serve'], {
      LEDGER_DATA_DIR: dir,
      LEDGER_PORT: '0',
      LEDGER_LOG_LEVEL: 'warn',
      LEDGER_RATE_LIMIT_EVENTS_PER_SECOND: '0',
      ...(FULL_PIPELINE ? {} : { LEDGER_PROJECTIONS: 'false', LEDGER_ARCHIVE: 'off' }),
    });
    const t1 = templates(s.eventsPerRequest, 'gw-bench', 1 + i * 2);
    const token = mintToken({
      secret,
      subject: 'gw-bench',
      tenant: 'acme',
      scopes: ['ledger:write'],
      audience: 'audit-ledger',
      ttlSeconds: 3600,
    });
    process.stderr.write(`bench:ingest: ${s.name}: audit-ledger, ${SECONDS} s...\n`);
    figures.push({
      scenario: s.name,
      target: 'audit-ledger',
      ...(await load(ours.url, token, 'application/x-protobuf', t1.proto, s)),
    });
    await ours.stop();
    // baseline
    const bdir = benchDir();
    const base = await spawnServer(here('./baseline-server.js'), [`${bdir}/baseline.db`, secret]);
    const t2 = templates(s.eventsPerRequest, 'gw-bench', 2 + i * 2);
    process.stderr.write(`bench:ingest: ${s.name}: baseline, ${SECONDS} s...\n`);
    figures.push({
      scenario: s.name,
      target: 'baseline',
      ...(await load(base.url, token, 'application/json', t2.json, s)),
    });
    await base.stop();
  }
  return figures;
}

export function printIngest(figures: IngestFigure[]): void {
  console.log(
    `\nIngest, end to end over HTTP + JWT + durable SQLite commits, ${SECONDS} s per run, load generator on the same 2-core machine`,
  );
  console.log(`audit-ledger: ${PIPELINE}; load average ${loadavg()[0]?.toFixed(1) ?? '?'} at end`);
  console.log(
    'scenario                                | target        |   events/s |  p50 ms |  p99 ms | errors',
  );
  for (const f of figures) {
    console.log(
      `${f.scenario.padEnd(40)}| ${f.target.padEnd(14)}| ${fmt(f.eventsPerSecond).padStart(10)} | ${fmt(f.p50ms, 1).padStart(7)} | ${fmt(f.p99ms, 1).padStart(7)} | ${f.errors}`,
    );
  }
  for (const s of new Set(figures.map((f) => f.scenario))) {
    const ours = figures.find((f) => f.scenario === s && f.target === 'audit-ledger');
    const base = figures.find((f) => f.scenario === s && f.target === 'baseline');
    if (ours && base)
      console.log(
        `ratio audit-ledger / baseline (${s}): ${(ours.eventsPerSecond / base.eventsPerSecond).toFixed(2)}`,
      );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printIngest(await runIngestBench());
}
