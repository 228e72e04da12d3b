/**
 * The projections split over two worker threads (projections/runner-threads.ts)
 * and the raw log reader they rebuild with: the rows equal those of one runner
 * on one thread, whether rebuilt or followed live; status, waitFor and rebuild
 * speak for all four projections; a thread that dies holding the shared write
 * lock does not block the other.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import t from 'tap';
import type { LedgerError, ValidationError } from '../../ledger/errors.js';
import { START } from '../../ledger/store/event-store.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import {
  createProjectionRunner,
  loadControlMapping,
  openSqliteLogReader,
  openSqliteViewStore,
  positionIsLeafIndex,
  startProjectionThreads,
} from '../../projections/index.js';
import type { RebuildProgress } from '../../projections/index.js';
import { createWriteTurns, releaseFor, writeTurns } from '../../projections/write-turns.js';
import { makeEvents } from '../support/ledger-server.js';
import { newEvents, projectionTempDir } from '../support/projection-spec.js';
import { dumpCounts, dumpViews } from '../support/projection-views.js';

async function append(store: SqliteEventStore, n: number, seed: number, tenant: string) {
  const events = makeEvents(`gw-${tenant}`, tenant, n, seed);
  for (let i = 0; i < events.length; i += 250)
    await store.append(newEvents(events.slice(i, i + 250)));
  return store.head();
}

/** Two tenants, uneven chunks, one undecodable event in the middle. */
async function fill(store: SqliteEventStore): Promise<number> {
  await append(store, 700, 31, 'acme');
  await store.append([
    {
      eventId: '01936b2e-7c4a-7d1e-9a3b-2f5c8e1d4a98',
      tenantId: 'globex',
      sessionId: 's',
      type: 'command_executed',
      data: Buffer.from([0xff, 0xff, 0xff]),
    },
  ]);
  await append(store, 1333, 32, 'globex');
  return append(store, 1210, 33, 'acme');
}

/** The rows one runner on this thread makes, following live in small batches. */
async function liveDump(
  t: { teardown(fn: () => unknown): void },
  store: SqliteEventStore,
  head: number,
) {
  const views = openSqliteViewStore({
    path: join(projectionTempDir(t), 'views.db'),
    mapping: loadControlMapping(),
  });
  const runner = createProjectionRunner({
    store,
    views,
    leafIndexOf: positionIsLeafIndex,
    batchSize: 37,
  });
  try {
    await runner.start();
    await runner.waitFor(head, 30_000);
    await runner.stop();
    return dumpViews(views.path);
  } finally {
    await views.close();
  }
}

void t.test('the raw log reader reads what the store reads', async (t) => {
  const dir = projectionTempDir(t);
  const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  t.teardown(() => store.close());
  await fill(store);
  // packed pages (one row from SQLite per page), and one row per event
  for (const packed of [true, false]) {
    const reader = openSqliteLogReader(join(dir, 'ledger.db'), { packed });
    t.teardown(() => reader.close());
    const head = await store.head();
    for (const [after, limit] of [
      [START, 40],
      [5, 40],
      [699, 40],
      [3000, 40],
      [head - 3, 40],
      [START, 1000],
    ] as const) {
      const mine = reader.read(after, limit).map((e) => ({ ...pick(e) }));
      const theirs = (await store.read({ after, limit })).map((e) => ({ ...pick(e) }));
      t.ok(theirs.length > 0, `packed ${packed}, after ${after}: the store has events there`);
      t.same(mine, theirs, `packed ${packed}, after ${after}, limit ${limit}`);
    }
    t.same(reader.read(head, 10), [], `packed ${packed}: nothing after the head`);
  }
});

function pick(e: {
  position: number;
  eventId: string;
  tenantId: string;
  sessionId: string;
  type: string;
  recordedAt: number;
  data: Uint8Array;
}) {
  return {
    position: e.position,
    eventId: e.eventId,
    tenantId: e.tenantId,
    sessionId: e.sessionId,
    type: e.type,
    recordedAt: e.recordedAt,
    data: Buffer.from(e.data).toString('hex'),
  };
}

void t.test('a rebuild on two threads gives the rows of one live runner', async (t) => {
  const dir = projectionTempDir(t);
  const ledgerPath = join(dir, 'ledger.db');
  const store = openSqliteEventStore({ path: ledgerPath });
  t.teardown(() => store.close());
  const head = await fill(store);
  const live = await liveDump(t, store, head);
  t.ok(Object.values(dumpCounts(live)).every((n) => n >= 0));
  t.ok(dumpCounts(live).view_rejects === undefined || dumpCounts(live).view_rejects === 1);

  const viewsPath = join(dir, 'views.db');
  const threads = await startProjectionThreads({
    store: { kind: 'sqlite', path: ledgerPath },
    viewsPath,
    leafIndexIsPosition: true,
    follow: false,
  });
  t.teardown(() => threads.close());
  t.same(
    threads.status().map((s) => [s.name, s.state]),
    [
      ['events', 'stopped'],
      ['sessions', 'stopped'],
      ['approvals', 'stopped'],
      ['summaries', 'stopped'],
    ],
  );
  const progress: RebuildProgress[] = [];
  const all = await threads.rebuild({ onProgress: (p) => progress.push(p) });
  t.same(all.projections, ['events', 'sessions', 'approvals', 'summaries']);
  t.equal(all.events, head + 1);
  t.equal(all.position, head);
  t.equal(progress.at(-1)?.position, head);
  t.same(dumpViews(viewsPath), live, 'same rows as one runner following live');

  // again over existing rows, and one projection (routed to the thread that owns it)
  await threads.rebuild();
  t.same(dumpViews(viewsPath), live, 'rebuilt twice: same rows');
  const one = await threads.rebuild({ projection: 'approvals' });
  t.same(one.projections, ['approvals']);
  t.same(dumpViews(viewsPath), live, 'approvals rebuilt alone: same rows');
  const e = await threads.rebuild({ projection: 'nope' }).catch((x: unknown) => x);
  t.equal((e as ValidationError).code, 'LDG_ERR_VALIDATION');

  await threads.waitFor(head, 10_000);
  await threads.refreshLag();
  await new Promise((resolve) => setTimeout(resolve, 300)); // the status mirror's period
  t.same(
    threads.status().map((s) => [s.name, s.checkpoint, s.rejected]),
    [
      ['events', head, 1],
      ['sessions', head, 1],
      ['approvals', head, 1],
      ['summaries', head, 1],
    ],
  );
});

void t.test('two threads following live give the rows of one runner', async (t) => {
  const dir = projectionTempDir(t);
  const ledgerPath = join(dir, 'ledger.db');
  const store = openSqliteEventStore({ path: ledgerPath });
  t.teardown(() => store.close());
  await append(store, 400, 41, 'acme');
  const viewsPath = join(dir, 'views.db');
  const threads = await startProjectionThreads({
    store: { kind: 'sqlite', path: ledgerPath, pollIntervalMs: 10 },
    viewsPath,
    leafIndexIsPosition: true,
    batchSize: 53,
  });
  t.teardown(() => threads.close());
  // appends while both follow: their batch boundaries differ and fall anywhere
  await fill(store);
  const head = await append(store, 77, 42, 'globex');
  await threads.waitFor(head, 30_000);
  const live = await liveDump(t, store, head);
  t.same(dumpViews(viewsPath), live, 'same rows as one runner');

  // a rebuild of everything meanwhile still ends with the same rows, and following resumes
  await threads.rebuild();
  const more = await append(store, 90, 43, 'acme');
  await threads.waitFor(more, 30_000);
  t.same(dumpViews(viewsPath), await liveDump(t, store, more), 'after a rebuild and more events');
  await threads.close();
  const e = await threads.waitFor(more + 1000, 1000).catch((x: unknown) => x);
  t.equal((e as LedgerError).code, 'LDG_ERR_SHUTTING_DOWN');
});

void t.test('a thread that dies holding the write lock does not block the others', async (t) => {
  const turns = createWriteTurns();
  const holder = new Worker(
    `const { workerData, threadId } = require('node:worker_threads');
     const word = new Int32Array(workerData);
     Atomics.store(word, 0, threadId + 1); // takes the lock and dies without giving it back
     process.exit(0);`,
    { eval: true, workerData: turns },
  );
  const id = holder.threadId;
  await new Promise((resolve) => holder.once('exit', resolve));
  const lock = writeTurns(turns, 50);
  t.throws(() => lock.acquire(), { code: 'LDG_ERR_STORE_UNAVAILABLE' }, 'held: times out');
  releaseFor(turns, id);
  lock.acquire();
  lock.acquire(); // its holder asking again gets it at once
  lock.release();
  t.equal(new Int32Array(turns)[0], 0, 'free again');
  releaseFor(turns, id); // a no-op once freed
  t.equal(new Int32Array(turns)[0], 0);
});

void t.test(
  'the event index killed mid-batch while the others project on: nothing lost or doubled',
  async (t) => {
    const dir = projectionTempDir(t);
    const ledgerPath = join(dir, 'ledger.db');
    const viewsPath = join(dir, 'views.db');
    const store = openSqliteEventStore({ path: ledgerPath });
    t.teardown(() => store.close());
    const head = await fill(store);
    // the other half, in this process, on the same file
    const views = openSqliteViewStore({ path: viewsPath, mapping: loadControlMapping() });
    t.teardown(() => views.close());
    const others = createProjectionRunner({
      store,
      views,
      leafIndexOf: positionIsLeafIndex,
      batchSize: 97,
      projections: ['sessions', 'approvals', 'summaries'],
    });
    await others.start();
    t.teardown(() => others.stop());
    // the event index in a child process, killed inside its transaction
    const self = fileURLToPath(import.meta.url);
    const ext = self.endsWith('.ts') ? '.ts' : '.js';
    const fixture = fileURLToPath(
      new URL(`../fixtures/projection-crash-child${ext}`, import.meta.url),
    );
    for (let round = 0; round < 2; round++) {
      const committed = await new Promise<number>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [...process.execArgv, fixture, ledgerPath, viewsPath, '150', '40', 'events'],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let last = START;
        let commits = 0;
        let buffered = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          buffered += chunk;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) {
            const [kind, pos] = line.split(' ');
            if (kind === 'C') {
              last = Number(pos);
              commits++;
            } else if (kind === 'T' && commits >= 3) child.kill('SIGKILL');
          }
        });
        child.once('error', reject);
        child.once('exit', () => resolve(last));
      });
      const cps = await views.checkpoints();
      t.equal(
        cps.get('events')?.position,
        committed,
        `round ${round}: the torn batch left no trace`,
      );
    }
    await others.waitFor(head, 30_000);
    const events = createProjectionRunner({
      store,
      views,
      leafIndexOf: positionIsLeafIndex,
      projections: ['events'],
    });
    await events.catchUp();
    t.same(
      events.status().map((s) => s.name),
      ['events'],
      'a subset runner reports its own',
    );
    t.same(dumpViews(viewsPath), await liveDump(t, store, head), 'same rows as a clean run');
  },
);
