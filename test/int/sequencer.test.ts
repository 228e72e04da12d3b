/**
 * The sequencer over real SQLite files: its leaves, tiles and signed roots
 * equal the naive RFC 9162 reference tree over the stored entries (an
 * independent path: test/support/sequencer-reference.ts); repeats of an
 * event id become one leaf; checkpoints are recorded in the log once; waiting
 * for a checkpoint answers leaf indexes; a second writer is fenced out.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { generateNoteKey, parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import { LedgerError } from '../../ledger/errors.js';
import { decodeAuditEvent, validateEvent } from '../../ledger/events/index.js';
import { checkpointEventId } from '../../ledger/sequencer/checkpoint-event.js';
import type { FenceClaim, SequencerFence } from '../../ledger/sequencer/fence.js';
import type { MerkleStateStore } from '../../ledger/sequencer/merkle-state-store.js';
import { eventStoreSource } from '../../ledger/sequencer/sequencer-source.js';
import type { SequencerSource } from '../../ledger/sequencer/sequencer-source.js';
import { createSequencer } from '../../ledger/sequencer/sequencer.js';
import type { Sequencer, SequencerOptions } from '../../ledger/sequencer/sequencer.js';
import { openSqliteMerkleStateStore } from '../../ledger/sequencer/sqlite-merkle-state-store.js';
import { openSqliteSequencerSource } from '../../ledger/sequencer/sqlite-sequencer-source.js';
import type { EventStore, NewEvent, StoredEvent } from '../../ledger/store/event-store.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import type { LedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { encodeEvent, makeEvents, readAllEvents, tempDir } from '../support/ledger-server.js';
import { openDuplicatingStore } from '../support/sequencer-duplicating-store.js';
import { assertMatchesReference } from '../support/sequencer-reference.js';

const ORIGIN = 'sequencer.test.example/log';
const KEY = generateNoteKey(ORIGIN);
const signer = parsePrivateKey(KEY.privateKey);

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** `n` realistic events over two tenants, as the store's NewEvents. */
function newEvents(n: number, seed: number): NewEvent[] {
  const half = Math.ceil(n / 2);
  return [
    ...makeEvents('gw-a', 'acme', half, seed),
    ...makeEvents('gw-b', 'globex', n - half, seed + 1),
  ].map((e) => ({
    eventId: e.eventId as string,
    tenantId: e.tenantId as string,
    sessionId: e.sessionId as string,
    type: 'command_executed',
    data: encodeEvent(e),
  }));
}

interface Embedded {
  readonly db: LedgerDatabase;
  readonly store: EventStore;
  readonly state: MerkleStateStore;
  readonly source: SequencerSource;
}

/** The embedded layout: one SQLite file, one handle, store + sequencer tables. */
function openEmbedded(t: Teardown, dir = tempDir()): Embedded {
  const db = openLedgerDatabase(join(dir, 'ledger.db'));
  const store = openSqliteEventStore({ database: db });
  const state = openSqliteMerkleStateStore({ database: db });
  const source = openSqliteSequencerSource(db, { pollIntervalMs: 5 });
  t.teardown(async () => {
    await store.close();
    await state.close();
    if (db.open) db.close();
  });
  return { db, store, state, source };
}

function sequencerFor(
  t: Teardown,
  parts: { state: MerkleStateStore; source: SequencerSource },
  options: Partial<SequencerOptions> = {},
): Sequencer {
  const sequencer = createSequencer({
    source: parts.source,
    state: parts.state,
    signer,
    origin: ORIGIN,
    checkpointIntervalMs: 20,
    retryDelayMs: 10,
    ...options,
  });
  t.teardown(() => sequencer.stop());
  return sequencer;
}

async function appendInBatches(
  store: EventStore,
  events: readonly NewEvent[],
  batch = 250,
): Promise<void> {
  for (let i = 0; i < events.length; i += batch) await store.append(events.slice(i, i + batch));
}

void t.test(
  'leaves, tiles and signed roots equal the reference tree, whatever the step size',
  async (t) => {
    for (const batchSize of [1, 255, 256, 257, 8192]) {
      await t.test(`steps of ${batchSize}`, async (t) => {
        const e = openEmbedded(t);
        const total = batchSize === 1 ? 700 : 1300;
        await appendInBatches(e.store, newEvents(total, batchSize));
        const sequencer = sequencerFor(t, e, { batchSize });
        await sequencer.start();
        await sequencer.waitForSize(total);
        await sequencer.checkpointNow();
        await sequencer.stop();
        const stats = sequencer.stats();
        t.equal(stats.size, total);
        t.equal(stats.afterPosition, total - 1);
        t.equal(stats.duplicates, 0);
        t.equal(stats.checkpointSize, total);
        await assertMatchesReference(t, e.state, await readAllEvents(e.store), KEY.verifierKey);
      });
    }
  },
);

void t.test('a new sequencer resumes where the last one stopped: same roots', async (t) => {
  const e = openEmbedded(t);
  await appendInBatches(e.store, newEvents(900, 11));
  const first = sequencerFor(t, e, { batchSize: 37 });
  await first.start();
  await first.waitForSize(400);
  await first.stop();
  const half = first.stats().size;
  t.ok(half >= 400 && half < 900, `stopped part way (${half})`);
  await appendInBatches(e.store, newEvents(300, 12));
  const second = sequencerFor(t, e, { batchSize: 64 });
  await second.start();
  await second.waitForSize(1200);
  await second.checkpointNow();
  await second.stop();
  await assertMatchesReference(t, e.state, await readAllEvents(e.store), KEY.verifierKey);
});

void t.test('the SQLite reader packs pages exactly as it reads rows, gaps included', async (t) => {
  const e = openEmbedded(t);
  await appendInBatches(e.store, newEvents(700, 31));
  // positions with holes, one of them wider than a page
  e.db.prepare('DELETE FROM ledger_events WHERE position IN (0, 5, 6, 299)').run();
  e.db.prepare('DELETE FROM ledger_events WHERE position >= 400 AND position < 520').run();
  const ac = new AbortController();
  const rows: { position: number; recordedAt: number; data: string }[] = [];
  for await (const page of e.source.batches(-1, 100, ac.signal)) {
    for (const r of page) {
      rows.push({
        position: r.position,
        recordedAt: r.recordedAt,
        data: Buffer.from(r.data).toString('hex'),
      });
    }
    if (rows.at(-1)?.position === 699) break;
  }
  if (e.source.packedBatches === undefined) throw new Error('the SQLite reader packs pages');
  const packed: typeof rows = [];
  let pages = 0;
  for await (const page of e.source.packedBatches(-1, 100, ac.signal)) {
    pages++;
    t.ok(page.count <= 100, 'at most a batch per page');
    let start = 0;
    for (let i = 0; i < page.count; i++) {
      const end = page.ends[i] as number;
      packed.push({
        position: page.positions[i] as number,
        recordedAt: page.recordedAt[i] as number,
        data: Buffer.from(page.bytes.subarray(start, end)).toString('hex'),
      });
      start = end;
    }
    t.equal(start, page.bytes.length, 'the page holds only its events');
    if (packed.at(-1)?.position === 699) break;
  }
  ac.abort();
  t.equal(rows.length, 700 - 4 - 120);
  t.ok(pages >= 6, `${pages} pages`);
  t.same(packed, rows);
});

void t.test('the generic EventStore source gives the same log as the SQLite reader', async (t) => {
  const e = openEmbedded(t);
  await appendInBatches(e.store, newEvents(600, 21));
  const sequencer = sequencerFor(
    t,
    { state: e.state, source: eventStoreSource(e.store) },
    { batchSize: 100 },
  );
  await sequencer.start();
  await sequencer.waitForSize(600);
  await sequencer.checkpointNow();
  await sequencer.stop();
  const all = await readAllEvents(e.store);
  const known = await e.state.knownEventIds(all.map((s) => s.eventId));
  t.equal(known.size, 600, 'ids are kept when the source may repeat them');
  t.same((await e.state.leafByEventId((all[77] as StoredEvent).eventId))?.position, 77);
  await assertMatchesReference(t, e.state, await readAllEvents(e.store), KEY.verifierKey);
});

void t.test(
  'an event id that reaches the store twice is one leaf, counted as a duplicate',
  async (t) => {
    const dir = tempDir();
    const store = openDuplicatingStore(join(dir, 'events.db'));
    const state = openSqliteMerkleStateStore({ path: join(dir, 'sequencer.db') });
    t.teardown(async () => {
      await store.close();
      await state.close();
    });
    const [a, b, c, d] = newEvents(4, 31) as [NewEvent, NewEvent, NewEvent, NewEvent];
    // b repeated in the same batch, a repeated in a later one
    await store.append([a, b, c, b]);
    await store.append([d, { ...a, sessionId: 'another-session' }]);
    const sequencer = sequencerFor(t, { state, source: eventStoreSource(store) }, { batchSize: 3 });
    await sequencer.start();
    await sequencer.waitForSize(4);
    await sleep(50);
    const leaves = await sequencer.waitForCheckpoint([0, 1, 2, 3, 4, 5]);
    t.same(leaves, [0, 1, 2, 1, 3, 0], "repeats answer the first occurrence's leaf");
    const stats = sequencer.stats();
    t.equal(stats.size, 4, 'four distinct events, four leaves');
    t.equal(stats.duplicates, 2, 'two repeats counted');
    t.equal(stats.afterPosition, 5);
    const all = await readAllEvents(store);
    const firsts = [all[0], all[1], all[2], all[4]] as StoredEvent[];
    t.same(
      (await state.leaves(0, 10)).map((l) => [l.leafIndex, l.position]),
      firsts.map((s, i) => [i, s.position]),
    );
    t.same(
      await Promise.all(firsts.map(async (s) => (await state.leafByEventId(s.eventId))?.leafIndex)),
      [0, 1, 2, 3],
      'each id names its first leaf',
    );
    await sequencer.checkpointNow();
    await assertMatchesReference(t, state, firsts, KEY.verifierKey);
    t.equal((await state.leafByEventId(a.eventId))?.leafIndex, 0);
  },
);

void t.test(
  'each checkpoint is recorded once as a CheckpointSigned event; an idle log stays still',
  async (t) => {
    const e = openEmbedded(t);
    await appendInBatches(e.store, newEvents(300, 41));
    const sequencer = sequencerFor(t, e, { recorder: e.store, checkpointIntervalMs: 30 });
    await sequencer.start();
    await sequencer.waitForSize(301);
    await sleep(300); // several intervals with nothing new but our own event
    await sequencer.announced();
    const stats = sequencer.stats();
    t.equal(stats.checkpointsSigned, 1, 'one checkpoint: its own event does not call for another');
    t.equal(stats.size, 301, 'the log covers its checkpoint event');
    t.equal(await e.store.head(), 300);
    const [event] = await e.store.read({ after: 299 });
    t.equal(event?.eventId, checkpointEventId(ORIGIN, 300));
    t.equal(event?.tenantId, 'ledger');
    t.equal(event?.type, 'checkpoint_signed');
    const valid = validateEvent(decodeAuditEvent((event as StoredEvent).data), 0, {
      now: Date.now(),
      allowInternal: true,
    });
    if (valid.type !== 'checkpoint_signed') throw new Error('not a checkpoint_signed event');
    const [record] = await e.state.checkpoints();
    t.equal(valid.checkpointSigned.treeSize, 300);
    t.equal(valid.checkpointSigned.origin, ORIGIN);
    t.equal(valid.checkpointSigned.note, record?.note);
    t.ok(record?.announced, 'marked announced');
    await sequencer.stop();

    // a crash between the append and marking it announced: the next start announces again, idempotently
    e.db.prepare('UPDATE merkle_checkpoints SET announced = 0').run();
    const again = sequencerFor(t, e, { recorder: e.store, checkpointIntervalMs: 30 });
    await again.start();
    await sleep(150);
    await again.announced();
    const ids = (await readAllEvents(e.store)).map((s) => s.eventId);
    t.equal(
      ids.filter((id) => id === checkpointEventId(ORIGIN, 300)).length,
      1,
      'checkpoint 300 is in the log once',
    );
    t.ok(
      (await e.state.checkpoints()).every((c) => c.announced),
      'all announced',
    );
    // after a restart the sequencer cannot tell its own last event from new ones: at most one more checkpoint
    t.ok(again.stats().checkpointsSigned <= 1);
  },
);

void t.test('waitForCheckpoint answers leaf indexes once a checkpoint covers them', async (t) => {
  const e = openEmbedded(t);
  const sequencer = sequencerFor(t, e, { checkpointIntervalMs: 40 });
  await sequencer.start();
  const results = await e.store.append(newEvents(10, 51));
  const before = Date.now();
  const leaves = await sequencer.waitForCheckpoint(results.map((r) => r.position));
  t.same(
    leaves,
    results.map((r) => r.position),
    'leaf index = position in the SQLite store',
  );
  const latest = await e.state.latestCheckpoint();
  t.ok(latest !== undefined && latest.size >= 10, 'a signed checkpoint covers them');
  t.ok(Date.now() - before < 2000);
  await t.rejects(sequencer.waitForCheckpoint([500], 50), { code: 'LDG_ERR_STORE_UNAVAILABLE' });
  const pending = sequencer.waitForCheckpoint([600]);
  await sequencer.stop();
  await t.rejects(pending, { code: 'LDG_ERR_SHUTTING_DOWN' });
  await t.rejects(sequencer.waitForCheckpoint([1]), { code: 'LDG_ERR_SHUTTING_DOWN' });
});

void t.test(
  'two sequencers on one file: the second to commit a step loses with LDG_ERR_CONFLICT',
  async (t) => {
    const e = openEmbedded(t);
    await appendInBatches(e.store, newEvents(2000, 61));
    const errors: [string, boolean][] = [];
    const onError = (error: LedgerError, fatal: boolean): void => {
      errors.push([error.code, fatal]);
    };
    const a = sequencerFor(t, e, { batchSize: 10, onError });
    const b = sequencerFor(t, e, { batchSize: 10, onError });
    await Promise.all([a.start(), b.start()]);
    await Promise.race([a.waitForSize(2000), b.waitForSize(2000)]);
    await sleep(50);
    const stopped = [a, b].filter((s) => s.stats().stopped);
    t.equal(stopped.length, 1, 'exactly one of them stopped');
    t.same(errors, [['LDG_ERR_CONFLICT', true]]);
    const survivor = a.stats().stopped ? b : a;
    await survivor.waitForSize(2000);
    await survivor.checkpointNow();
    await Promise.all([a.stop(), b.stop()]);
    await assertMatchesReference(t, e.state, await readAllEvents(e.store), KEY.verifierKey);
  },
);

/** A fence with EventStoreDB's optimistic-concurrency rule, in memory (the server cannot run here). */
class RevisionFence implements SequencerFence {
  revision: number | null = null;
  readonly claims: { size: number; expected: number | null }[] = [];
  claim(claim: FenceClaim, expected: number | null): Promise<number> {
    this.claims.push({ size: claim.size, expected });
    if (expected !== this.revision) {
      return Promise.reject(
        new LedgerError(
          'LDG_ERR_WRONG_EXPECTED_VERSION',
          `expected ${String(expected)}, at ${String(this.revision)}`,
        ),
      );
    }
    this.revision = (this.revision ?? -1) + 1;
    return Promise.resolve(this.revision);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

void t.test(
  'with a fence, checkpoints are claimed in order and a second sequencer is refused',
  async (t) => {
    const dir = tempDir();
    const store = openDuplicatingStore(join(dir, 'events.db'));
    const stateA = openSqliteMerkleStateStore({ path: join(dir, 'a.db') });
    const stateB = openSqliteMerkleStateStore({ path: join(dir, 'b.db') });
    t.teardown(async () => {
      await store.close();
      await stateA.close();
      await stateB.close();
    });
    const fence = new RevisionFence();
    const a = sequencerFor(
      t,
      { state: stateA, source: eventStoreSource(store) },
      { fence, recorder: store },
    );
    await a.start();
    await store.append(newEvents(20, 71));
    await a.waitForSize(21);
    await a.announced();
    await store.append(newEvents(20, 72));
    await a.waitForSize(42);
    await a.announced();
    t.same(
      fence.claims.map((c) => c.expected),
      [null, 0],
      'claims expect the revision the sequencer itself last wrote',
    );
    const errors: string[] = [];
    const b = sequencerFor(
      t,
      { state: stateB, source: eventStoreSource(store) },
      { fence, recorder: store, onError: (err) => errors.push(err.code) },
    );
    await b.start();
    await b.waitForSize(42);
    await sleep(100);
    t.ok(errors.includes('LDG_ERR_WRONG_EXPECTED_VERSION'), 'the second sequencer loses the fence');
    t.ok(b.stats().stopped, 'and stops');
    t.equal(fence.revision, 1, 'its claim wrote nothing');
  },
);
