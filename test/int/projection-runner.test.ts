/**
 * The projection runner against a real SQLite event store and view store:
 * following the log, lag, rebuild (equal to live), rejected events, a changed
 * definition, a reset by another process, retry after a failed batch.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { LedgerError } from '../../ledger/errors.js';
import type { ValidationError } from '../../ledger/errors.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import {
  createProjectionRunner,
  loadControlMapping,
  openSqliteViewStore,
  parseControlMapping,
  positionIsLeafIndex,
} from '../../projections/index.js';
import type {
  ProjectionName,
  ProjectionRunner,
  RebuildProgress,
  SqliteViewStore,
  ViewStore,
} from '../../projections/index.js';
import { makeEvents } from '../support/ledger-server.js';
import { newEvents, projectionTempDir } from '../support/projection-spec.js';
import { dumpCounts, dumpViews } from '../support/projection-views.js';

interface Rig {
  readonly dir: string;
  readonly store: SqliteEventStore;
  readonly views: SqliteViewStore;
  readonly runner: ProjectionRunner;
}

interface TestLike {
  teardown(fn: () => unknown): void;
}

/** Fresh views of the same store, caught up from scratch: what the rows must be. */
async function referenceDump(
  t: TestLike,
  store: SqliteEventStore,
): Promise<ReturnType<typeof dumpViews>> {
  const views = openSqliteViewStore({
    path: join(projectionTempDir(t), 'views.db'),
    mapping: loadControlMapping(),
  });
  try {
    await createProjectionRunner({ store, views, leafIndexOf: positionIsLeafIndex }).catchUp();
    return dumpViews(views.path);
  } finally {
    await views.close();
  }
}

function rig(
  t: TestLike,
  o: {
    views?: ViewStore;
    batchSize?: number;
    now?: () => number;
    retryDelayMs?: number;
    onError?: (e: LedgerError) => void;
  } = {},
): Rig {
  const dir = projectionTempDir(t);
  const store = openSqliteEventStore({ path: join(dir, 'ledger.db'), pollIntervalMs: 20 });
  const views = openSqliteViewStore({ path: join(dir, 'views.db'), mapping: loadControlMapping() });
  const runner = createProjectionRunner({
    store,
    views: o.views ?? views,
    leafIndexOf: positionIsLeafIndex,
    batchSize: o.batchSize ?? 100,
    lagPollMs: 50,
    retryDelayMs: o.retryDelayMs ?? 20,
    ...(o.now === undefined ? {} : { now: o.now }),
    ...(o.onError === undefined ? {} : { onError: o.onError }),
  });
  t.teardown(async () => {
    await runner.stop();
    await views.close();
    await store.close();
  });
  return { dir, store, views, runner };
}

async function append(
  store: SqliteEventStore,
  n: number,
  seed: number,
  tenant = 'acme',
): Promise<number> {
  const events = makeEvents(`gw-${tenant}`, tenant, n, seed);
  for (let i = 0; i < events.length; i += 250)
    await store.append(newEvents(events.slice(i, i + 250)));
  return store.head();
}

void t.test('follows the log: catch-up, then live; lag falls to zero', async (t) => {
  const r = rig(t);
  await append(r.store, 500, 1);
  await r.runner.start();
  await r.runner.waitFor(499, 10_000);
  const head = await append(r.store, 300, 2);
  await r.runner.waitFor(head, 10_000);
  await r.runner.refreshLag();
  for (const s of r.runner.status()) {
    t.match(s, {
      checkpoint: 799,
      head: 799,
      lagEvents: 0,
      lagSeconds: 0,
      applied: 800,
      rejected: 0,
      current: true,
      lastError: null,
    });
    t.equal(s.state, 'live', `${s.name} is live`);
  }
  const events = await r.views.findEvents({ tenant: 'acme', asOf: head, limit: 1000 });
  t.equal(events.length, 800);
  t.ok(
    events.every((e) => e.leafIndex === e.position),
    'leaf index = position with the SQLite store',
  );
});

void t.test('lag is reported in events and seconds while behind', async (t) => {
  let skew = 0;
  const r = rig(t, { now: () => Date.now() + skew });
  await append(r.store, 120, 3);
  await r.runner.refreshLag();
  t.same(
    r.runner.status().map((s) => [s.state, s.checkpoint, s.head, s.lagEvents]),
    Array(4).fill(['stopped', -1, 119, 120]),
  );
  skew = 5000;
  await r.runner.refreshLag();
  for (const s of r.runner.status())
    t.ok(s.lagSeconds >= 5 && s.lagSeconds < 60, `${s.name}: ${s.lagSeconds} s behind`);
  t.equal(await r.runner.catchUp(), 120, 'catch-up reads what was there');
  await r.runner.refreshLag();
  t.same(
    r.runner.status().map((s) => [s.lagEvents, s.lagSeconds]),
    Array(4).fill([0, 0]),
  );
});

void t.test('rebuild from zero equals live projection', async (t) => {
  const r = rig(t, { batchSize: 37 });
  await r.runner.start();
  // appends in uneven chunks while the runner follows: batch boundaries fall anywhere
  for (const [n, seed] of [
    [100, 11],
    [333, 12],
    [1, 13],
    [450, 14],
  ] as const) {
    await append(r.store, n, seed, seed % 2 === 0 ? 'acme' : 'globex');
  }
  await r.runner.waitFor(await r.store.head(), 20_000);
  const live = dumpViews(r.views.path);
  t.ok(Object.values(dumpCounts(live)).some((n) => n > 0));

  const progress: RebuildProgress[] = [];
  const all = await r.runner.rebuild({ onProgress: (p) => progress.push(p) });
  t.same(all.projections, ['events', 'sessions', 'approvals', 'summaries']);
  t.equal(all.events, 884);
  t.equal(all.position, 883);
  t.equal(progress[0]?.position, -1);
  t.equal(progress.at(-1)?.position, 883);
  t.equal(progress.at(-1)?.target, 883);
  t.same(dumpViews(r.views.path), live, 'all projections rebuilt: same rows');

  const one = await r.runner.rebuild({ projection: 'sessions' });
  t.same(one.projections, ['sessions']);
  t.same(dumpViews(r.views.path), live, 'sessions rebuilt: same rows');

  // it resumes following after a rebuild
  const head = await append(r.store, 20, 15);
  await r.runner.waitFor(head, 10_000);
  t.equal(r.runner.status()[0]?.checkpoint, head);

  const e = await r.runner.rebuild({ projection: 'nope' }).catch((x: unknown) => x);
  t.equal((e as ValidationError).code, 'LDG_ERR_VALIDATION');
  t.same(
    (e as ValidationError).issues.map((i) => i.path),
    ['projection'],
  );
});

void t.test(
  'an event that cannot be decoded is rejected and skipped, deterministically',
  async (t) => {
    const r = rig(t);
    await append(r.store, 50, 21);
    await r.store.append([
      {
        eventId: '01936b2e-7c4a-7d1e-9a3b-2f5c8e1d4a99',
        tenantId: 'acme',
        sessionId: 's',
        type: 'command_executed',
        data: Buffer.from([0xff, 0xff, 0xff]),
      },
    ]);
    const head = await append(r.store, 50, 22);
    await r.runner.start();
    await r.runner.waitFor(head, 10_000);
    t.same(
      r.runner.status().map((s) => [s.checkpoint, s.rejected]),
      Array(4).fill([100, 1]),
    );
    const [reject] = await r.views.rejects();
    t.match(reject, {
      position: 50,
      eventId: '01936b2e-7c4a-7d1e-9a3b-2f5c8e1d4a99',
      tenant: 'acme',
      type: 'command_executed',
    });
    t.equal((await r.views.findEvents({ tenant: 'acme', asOf: head, limit: 1000 })).length, 100);
    const before = dumpViews(r.views.path);
    await r.runner.rebuild();
    t.same(dumpViews(r.views.path), before, 'a rebuild rejects the same event');
  },
);

void t.test('a changed control mapping rebuilds the event index, and only it', async (t) => {
  const r = rig(t);
  const head = await append(r.store, 200, 31);
  await r.runner.catchUp();
  t.ok(
    (await r.views.findEvents({ tenant: 'acme', controls: ['8.3'], asOf: head, limit: 1000 }))
      .length > 0,
  );
  await r.views.close();

  const custom = parseControlMapping(
    {
      standard: 'custom',
      version: '2',
      controls: [{ id: '8.3', title: 'Info', evidence: [{ events: ['command_blocked'] }] }],
    },
    'custom.json',
  );
  const views = openSqliteViewStore({ path: join(r.dir, 'views.db'), mapping: custom });
  t.teardown(() => views.close());
  const cps = await views.checkpoints();
  t.same(
    [...cps.values()].map((c) => [c.name, c.current]),
    [
      ['events', false],
      ['sessions', true],
      ['approvals', true],
      ['summaries', true],
    ],
  );
  const resets: ProjectionName[][] = [];
  const runner = createProjectionRunner({
    store: r.store,
    views,
    onReset: (names) => resets.push([...names]),
  });
  await runner.start();
  await runner.waitFor(head, 10_000);
  await runner.stop();
  t.same(resets, [['events']]);
  const rows = await views.findEvents({ tenant: 'acme', asOf: head, limit: 1000 });
  t.ok(
    rows.every((e) =>
      e.type === 'command_blocked' ? e.controls.join() === '8.3' : e.controls.length === 0,
    ),
    'tags follow the new mapping',
  );
  t.same(
    [...(await views.checkpoints()).values()].map((c) => c.applied),
    [200, 200, 200, 200],
    'sessions and others were not replayed',
  );
});

void t.test(
  'a reset by another process is noticed and re-projected, never applied over a gap',
  async (t) => {
    const r = rig(t);
    await append(r.store, 300, 41);
    await r.runner.start();
    await r.runner.waitFor(299, 10_000);
    const before = dumpViews(r.views.path);
    const other = openSqliteViewStore({
      path: join(r.dir, 'views.db'),
      mapping: loadControlMapping(),
    });
    await other.reset(['sessions']);
    await other.close();
    const head = await append(r.store, 10, 42);
    await r.runner.waitFor(head, 10_000);
    const cps = await r.views.checkpoints();
    t.same(
      [...cps.values()].map((c) => c.position),
      [head, head, head, head],
    );
    t.equal(cps.get('sessions')?.applied, 310, 'sessions replayed from zero');
    t.ok(before['se_sessions']!.length > 0);
    t.same(
      dumpViews(r.views.path),
      await referenceDump(t, r.store),
      'same rows as a run without the reset',
    );
  },
);

void t.test(
  'rebuild and catch-up of pages larger than a decode chunk: one commit per page, same rows',
  async (t) => {
    const r = rig(t, { batchSize: 100 });
    await r.runner.start();
    for (const [n, seed] of [
      [1200, 21],
      [900, 22],
      [655, 23],
    ] as const) {
      await append(r.store, n, seed, seed % 2 === 0 ? 'acme' : 'globex');
    }
    const head = await r.store.head();
    t.equal(head, 2754);
    await r.runner.waitFor(head, 30_000);
    await r.runner.stop();
    const live = dumpViews(r.views.path);

    // a runner reading 2,500 events a page: chunks of DECODE_CHUNK, one applyBatches per page
    const calls: number[] = [];
    const views: ViewStore = new Proxy({} as ViewStore, {
      get(_target, prop: keyof ViewStore) {
        if (prop === 'applyBatches') {
          return async (...args: Parameters<ViewStore['applyBatches']>) => {
            const results = await r.views.applyBatches(...args);
            calls.push(results.length);
            return results;
          };
        }
        const v: unknown = Reflect.get(r.views, prop);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(r.views) : v;
      },
    });
    const batches: { after: number; last: number; events: number }[] = [];
    const big = createProjectionRunner({
      store: r.store,
      views,
      leafIndexOf: positionIsLeafIndex,
      rebuildBatchSize: 2500,
      onBatch: (b) => batches.push({ after: b.after, last: b.last, events: b.page.length }),
    });
    const all = await big.rebuild();
    t.equal(all.events, 2755);
    t.same(calls, [3], 'the first page commits once, as 3 chunks; the last 255 events go alone');
    t.same(
      batches.map((b) => [b.after, b.last]),
      [
        [-1, 999],
        [999, 1999],
        [1999, 2499],
        [2499, 2754],
      ],
      'one batch report per chunk, contiguous',
    );
    t.same(
      big.status().map((s) => [s.checkpoint, s.applied]),
      Array(4).fill([2754, 2755]),
    );
    t.same(dumpViews(r.views.path), live, 'same rows as following in batches of 100');

    // catch-up from checkpoints that differ: sessions from zero, the others from the head
    await r.views.reset(['sessions']);
    calls.length = 0;
    t.equal(await big.catchUp(), 2755);
    t.same(calls, [3]);
    t.same(dumpViews(r.views.path), live, 'sessions caught up: same rows');
  },
);

void t.test(
  'a failed batch is retried from the checkpoint; nothing is lost or doubled',
  async (t) => {
    const errors: string[] = [];
    let fail = 2;
    const inner: { views?: SqliteViewStore } = {};
    const flaky: ViewStore = new Proxy({} as ViewStore, {
      get(_target, prop: keyof ViewStore) {
        const views = inner.views!;
        if (prop === 'apply') {
          return async (...args: Parameters<ViewStore['apply']>) => {
            if (fail-- > 0) throw new LedgerError('LDG_ERR_STORE_UNAVAILABLE', 'disk hiccup');
            return views.apply(...args);
          };
        }
        const v: unknown = Reflect.get(views, prop);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(views) : v;
      },
    });
    const r = rig(t, { views: flaky, onError: (e) => errors.push(e.code) });
    inner.views = r.views;
    const head = await append(r.store, 250, 51);
    await r.runner.start();
    await r.runner.waitFor(head, 10_000);
    t.same(errors, ['LDG_ERR_STORE_UNAVAILABLE', 'LDG_ERR_STORE_UNAVAILABLE']);
    t.same(
      [...(await r.views.checkpoints()).values()].map((c) => [c.position, c.applied]),
      Array(4).fill([249, 250]),
    );
    t.same(
      dumpViews(r.views.path),
      await referenceDump(t, r.store),
      'same rows as a run without failures',
    );
  },
);

void t.test('the runner stops when the store closes; stop rejects pending waits', async (t) => {
  const r = rig(t);
  await r.runner.start();
  const pending = r.runner.waitFor(10_000, 5000);
  await r.runner.stop();
  const e = await pending.catch((x: unknown) => x);
  t.equal((e as LedgerError).code, 'LDG_ERR_SHUTTING_DOWN');
  await r.runner.start();
  await r.store.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.equal(r.runner.status()[0]?.state, 'stopped');
});

void t.test(
  'a views file of another schema version is dropped and rebuilt from the log',
  async (t) => {
    const r = rig(t);
    const head = await append(r.store, 120, 71);
    await r.runner.catchUp();
    const before = dumpViews(r.views.path);
    await r.views.close();
    // an older build's file: another version, a table this one does not know
    const old = new Database(join(r.dir, 'views.db'));
    old.prepare("UPDATE view_meta SET value = '0' WHERE key = 'schema_version'").run();
    old.exec('CREATE TABLE se_legacy (x INTEGER)');
    old.close();
    const views = openSqliteViewStore({
      path: join(r.dir, 'views.db'),
      mapping: loadControlMapping(),
    });
    t.teardown(() => views.close());
    t.same(
      [...(await views.checkpoints()).values()].map((c) => c.position),
      [-1, -1, -1, -1],
    );
    await createProjectionRunner({
      store: r.store,
      views,
      leafIndexOf: positionIsLeafIndex,
    }).catchUp();
    const after = dumpViews(views.path);
    t.notOk('se_legacy' in after, 'unknown tables are gone');
    t.same(after, before, 'rebuilt rows equal the old ones');
    t.equal((await views.checkpoints()).get('events')?.position, head);
  },
);
