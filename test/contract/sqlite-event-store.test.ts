import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import { isLedgerError } from '../../ledger/errors.js';
import { START } from '../../ledger/store/event-store.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { eventStoreContract, newEvent, newEvents } from './event-store.js';

const dir = t.testdir();
let files = 0;
const freshPath = (): string => join(dir, `ledger-${files++}.db`);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isLedgerError(error) ? error.code : `not a LedgerError: ${String(error)}`;
  }
}

await eventStoreContract(t, 'sqlite', () => openSqliteEventStore({ path: freshPath() }), {
  subscriptionReadAhead: (store) => store.stats().subscriptionEvents,
});

await eventStoreContract(
  t,
  'sqlite on a shared handle',
  () => openSqliteEventStore({ database: openLedgerDatabase(freshPath()) }),
  { subscriptionReadAhead: (store) => store.stats().subscriptionEvents },
);

function open(t: Test, path = freshPath(), maxGroupEvents?: number): SqliteEventStore {
  const store = openSqliteEventStore(
    maxGroupEvents === undefined ? { path } : { path, maxGroupEvents },
  );
  t.teardown(() => store.close());
  return store;
}

void t.test('positions are dense from 0', async (t) => {
  const store = open(t);
  const a = await store.append(newEvents(3));
  const b = await store.append([
    newEvent(),
    a[0] ? { ...newEvent(), eventId: a[0].eventId } : newEvent(),
  ]);
  t.same(
    [...a, ...b].map((r) => r.position),
    [0, 1, 2, 3, 0],
  );
  t.equal(await store.head(), 3);
});

void t.test('group commit: concurrent appends share transactions', async (t) => {
  const store = open(t);
  const groups: number[] = [];
  const results = await Promise.all(Array.from({ length: 200 }, () => store.append(newEvents(5))));
  const s = store.stats();
  groups.push(s.groups);
  t.equal(results.flat().length, 1000);
  t.ok(s.groups < 200, `200 appends took ${s.groups} transaction(s)`);
  t.equal(s.groups, 1, 'appends made in one turn of the event loop share one transaction');
  t.equal(s.maxGroupBatches, 200);
  t.equal(s.batches, 200);
  t.equal(s.eventsWritten, 1000);
  t.ok(s.commitMsTotal > 0 && s.lastCommitMs <= s.commitMsMax);
  t.equal(s.queuedBatches, 0);
});

void t.test('group commit: a full queue flushes without waiting for the next turn', async (t) => {
  const committed: number[] = [];
  const path = freshPath();
  const store = openSqliteEventStore({
    path,
    maxGroupEvents: 10,
    onGroupCommitted: (g) => committed.push(g.batches),
  });
  t.teardown(() => store.close());
  await Promise.all(Array.from({ length: 5 }, () => store.append(newEvents(5))));
  t.same(committed, [2, 2, 1], 'flushed at 10 queued events, then the rest on setImmediate');
  t.equal(store.stats().groups, 3);
});

void t.test('group commit: one failing batch does not fail the others of its group', async (t) => {
  // a real SQLite failure in the middle of a batch, after some of its rows were written
  const db = openLedgerDatabase(freshPath());
  const store = openSqliteEventStore({ database: db });
  t.teardown(async () => {
    await store.close();
    db.close();
  });
  await store.append(newEvents(1));
  db.exec(`CREATE TRIGGER poison BEFORE INSERT ON ledger_events WHEN NEW.type = 'poison'
           BEGIN SELECT RAISE(ABORT, 'poisoned'); END`);
  const a = newEvents(20);
  const b = [...newEvents(17), newEvent({ type: 'poison' }), ...newEvents(3)];
  const c = newEvents(2);
  const [ra, rb, rc] = await Promise.allSettled([
    store.append(a),
    store.append(b),
    store.append(c),
  ]);
  t.equal(ra?.status, 'fulfilled');
  t.equal(rc?.status, 'fulfilled');
  t.equal(rb?.status, 'rejected');
  t.equal(
    rb?.status === 'rejected' && isLedgerError(rb.reason) ? rb.reason.code : null,
    'LDG_ERR_CONFLICT',
  );
  const stored = await store.read({ after: START });
  const ids = new Set(stored.map((s) => s.eventId));
  t.notOk(
    b.some((e) => ids.has(e.eventId)),
    'nothing of the failed batch is stored',
  );
  t.ok(
    [...a, ...c].every((e) => ids.has(e.eventId)),
    'the other batches are',
  );
  t.same(
    stored.map((s) => s.position),
    Array.from({ length: 23 }, (_, i) => i),
    'positions stay dense',
  );
  t.equal(store.stats().groups, 2);
  t.equal(store.stats().batchesFailed, 1);

  // a single-batch group fails whole too
  t.equal(
    await codeOf(store.append([newEvent(), newEvent({ type: 'poison' })])),
    'LDG_ERR_CONFLICT',
  );
  t.equal(await store.head(), 22);

  // one-event batches (no savepoint of their own) fail alone as well
  const d = [newEvent()];
  const e = [newEvent({ type: 'poison' })];
  const f = newEvents(3);
  const g = [newEvent()];
  const [rd, re, rf, rg] = await Promise.allSettled([
    store.append(d),
    store.append(e),
    store.append(f),
    store.append(g),
  ]);
  t.same(
    [rd, re, rf, rg].map((r) => r?.status),
    ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
  );
  t.same(
    (await store.read({ after: 22 })).map((s) => [s.position, s.eventId]),
    [...d, ...f, ...g].map((x, i) => [23 + i, x.eventId]),
    'the others are stored at dense positions, the poisoned one is not',
  );
});

void t.test('duplicates are found across batches of the same group and in chunks', async (t) => {
  const store = open(t);
  const stored = await store.append(newEvents(40));
  // 40 events: two 16-row chunks and a tail; duplicates sit inside a chunk
  const retry = [
    ...newEvents(5),
    stored[3] ? { ...newEvent(), eventId: stored[3].eventId } : newEvent(),
    ...newEvents(34),
  ];
  const again = newEvents(3);
  const [r1, r2] = await Promise.all([
    store.append(retry),
    store.append([...again, retry[0] ?? newEvent()]),
  ]);
  t.same(
    r1.map((r) => r.duplicate),
    retry.map((_, i) => i === 5),
  );
  t.equal(r1[5]?.position, 3);
  t.equal(r2[3]?.duplicate, true, 'a duplicate of an earlier batch of the same group');
  t.equal(r2[3]?.position, r1[0]?.position);
  t.same(
    (await store.read({ after: START, limit: 10_000 })).map((s) => s.position),
    Array.from({ length: 40 + 39 + 3 }, (_, i) => i),
  );
  t.equal(store.stats().duplicates, 2);
});

void t.test('durability: a reopened file has every acknowledged event', async (t) => {
  const path = freshPath();
  const first = openSqliteEventStore({ path });
  const acked = (
    await Promise.all(Array.from({ length: 20 }, () => first.append(newEvents(10))))
  ).flat();
  await first.close();
  const again = open(t, path);
  const stored = await again.read({ after: START, limit: 1000 });
  t.same(stored.map((s) => s.eventId).sort(), acked.map((r) => r.eventId).sort());
  t.equal(await again.head(), 199);
  const [next] = await again.append(newEvents(1));
  t.equal(next?.position, 200, 'positions continue after reopen');
});

void t.test('open failures are LDG_ERR_STORE_UNAVAILABLE', (t) => {
  const notAFile = join(dir, 'a-directory.db');
  mkdirSync(notAFile, { recursive: true });
  t.throws(() => openSqliteEventStore({ path: notAFile }), { code: 'LDG_ERR_STORE_UNAVAILABLE' });
  const garbage = join(dir, 'garbage.db');
  writeFileSync(garbage, Buffer.alloc(8192, 7));
  t.throws(() => openSqliteEventStore({ path: garbage }), { code: 'LDG_ERR_STORE_UNAVAILABLE' });
  t.throws(() => openSqliteEventStore({ path: freshPath(), maxGroupEvents: 0 }), {
    code: 'LDG_ERR_CONFIG',
  });
  const closed = openLedgerDatabase(freshPath());
  closed.close();
  t.throws(() => openSqliteEventStore({ database: closed }), { code: 'LDG_ERR_CONFIG' });
  t.end();
});

void t.test('a shared handle stays open after the store closes', async (t) => {
  const db = openLedgerDatabase(freshPath());
  t.teardown(() => db.close());
  const store = openSqliteEventStore({ database: db });
  await store.append(newEvents(2));
  await store.close();
  t.equal(db.open, true);
  t.equal(db.prepare('SELECT count(*) FROM ledger_events').pluck().get(), 2);
  t.equal(store.database, db);
});

/** Starts the fixture that appends `count` events to `path` from another process. */
function appendFromAnotherProcess(path: string, count: number): Promise<string[]> {
  const self = fileURLToPath(import.meta.url);
  const ext = self.endsWith('.ts') ? '.ts' : '.js';
  const fixture = fileURLToPath(new URL(`../fixtures/sqlite-append-child${ext}`, import.meta.url));
  return new Promise((resolve, reject) => {
    // process.execArgv carries the TypeScript loader tap runs this test with
    const child = spawn(process.execPath, [...process.execArgv, fixture, path, String(count)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(out.split('\n').filter((l) => l.length > 0));
      else reject(new Error(`child exited with ${String(code)}`));
    });
  });
}

void t.test('a subscription sees appends made by another process (polling)', async (t) => {
  const path = freshPath();
  const store = open(t, path);
  await store.append(newEvents(2));
  const ac = new AbortController();
  t.teardown(() => ac.abort());
  const received: StoredEvent[] = [];
  const consumed = (async () => {
    for await (const batch of store.subscribe({ after: START, signal: ac.signal })) {
      received.push(...batch);
      if (received.length >= 2 + 30) return;
    }
  })();
  const ids = await appendFromAnotherProcess(path, 30);
  t.equal(ids.length, 30);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    consumed,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('not seen within 5 s')), 5000);
    }),
  ]);
  clearTimeout(timer);
  t.same(
    received.slice(2).map((s) => s.eventId),
    ids,
  );
  t.same(
    received.map((s) => s.position),
    Array.from({ length: 32 }, (_, i) => i),
    'both processes keep positions dense',
  );
  t.equal(store.stats().eventsWritten, 2, 'the 30 were written by the other process');
});
