/**
 * The log verifier on a real data directory: the same result inline and on
 * worker threads, binary events of every byte value, and what only saved
 * checkpoints can reveal — a log rolled back below a checkpoint someone kept,
 * and two signed checkpoints of one size (a fork).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import t from 'tap';
import { signCheckpoint } from '../../ledger/checkpoint/checkpoint.js';
import { generateNoteKey, parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import { createSequencer } from '../../ledger/sequencer/sequencer.js';
import { openSqliteLedgerReader } from '../../ledger/sequencer/sqlite-ledger-reader.js';
import { openSqliteMerkleStateStore } from '../../ledger/sequencer/sqlite-merkle-state-store.js';
import { openSqliteSequencerSource } from '../../ledger/sequencer/sqlite-sequencer-source.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { hashBundle } from '../../ledger/verify/bundle-hash.js';
import { verifyLog } from '../../ledger/verify/log-verifier.js';
import { readAllEvents, tempDir } from '../support/ledger-server.js';
import { referenceTreeOf } from '../support/sequencer-reference.js';

const ORIGIN = 'verify.test.example/log';
const KEY = generateNoteKey(ORIGIN);
const TOTAL = 1500;

/** A sequenced data directory of random binary events; returns its path and signed checkpoints. */
async function build(): Promise<{ path: string; notes: { size: number; note: string }[] }> {
  const dir = tempDir();
  const path = join(dir, 'ledger.db');
  const db = openLedgerDatabase(path);
  const store = openSqliteEventStore({ database: db });
  const state = openSqliteMerkleStateStore({ database: db });
  const sequencer = createSequencer({
    source: openSqliteSequencerSource(db, { pollIntervalMs: 2 }),
    state,
    signer: parsePrivateKey(KEY.privateKey),
    origin: ORIGIN,
    recorder: store,
    checkpointIntervalMs: 15,
    batchSize: 64,
  });
  await sequencer.start();
  for (let i = 0; i < TOTAL; i += 100) {
    await store.append(
      Array.from({ length: 100 }, (_, k) => ({
        eventId: `0190b000-0000-7000-8000-${(i + k).toString(16).padStart(12, '0')}`,
        tenantId: 'acme',
        sessionId: 's',
        type: 'command_executed',
        // every byte value, NULs included
        data: Buffer.concat([
          Buffer.from(Array.from({ length: 256 }, (_, b) => b)),
          randomBytes(40),
        ]),
      })),
    );
    await new Promise((r) => setTimeout(r, 10));
  }
  await sequencer.waitForSize(TOTAL);
  await sequencer.checkpointNow();
  await sequencer.announced();
  await sequencer.stop();
  const notes = (await state.checkpoints()).map((c) => ({ size: c.size, note: c.note }));
  await store.close();
  await state.close();
  db.close();
  return { path, notes };
}

const built = await build();

void t.test(
  'inline and on worker threads: the same verified root, the reference one',
  async (t) => {
    t.ok(built.notes.length >= 3, `${built.notes.length} checkpoints`);
    const results = [];
    for (const workers of [0, 2]) {
      const r = await verifyLog({
        source: openSqliteLedgerReader(built.path),
        keys: [KEY.verifierKey],
        workers,
        workersFrom: 0,
      });
      t.same(r.problems, [], `workers ${workers}: no problems`);
      t.ok(r.ok);
      results.push(r);
    }
    const [inline, threaded] = results;
    t.equal(inline?.size, threaded?.size);
    t.same(Buffer.from(inline?.rootHash ?? []), Buffer.from(threaded?.rootHash ?? []));
    const db = openLedgerDatabase(built.path);
    const store = openSqliteEventStore({ database: db });
    const stored = (await readAllEvents(store)).slice(0, inline?.size ?? 0);
    await store.close();
    db.close();
    t.same(
      Buffer.from(inline?.rootHash ?? []),
      Buffer.from(referenceTreeOf(stored).root(stored.length)),
      'the reference root',
    );
    t.equal(inline?.checkpointsVerified, new Set(built.notes.map((n) => n.size)).size);
  },
);

void t.test('a reader hashes its bundles exactly as hashBundle hashes them framed', async (t) => {
  const reader = openSqliteLedgerReader(built.path);
  t.teardown(() => reader.close());
  const bundles: [number, number][] = [
    [0, 256],
    [1, 256],
    [2, 1],
    [3, 256],
    [4, 255],
    [5, 200],
  ];
  for (const [index, width] of bundles) {
    const direct = reader.hashedBundle(index, width);
    const framed = hashBundle(await reader.entryBundle(index, width), index * 256, width);
    t.same(
      { ...direct, leafHashes: Buffer.from(direct.leafHashes).toString('hex') },
      { ...framed, leafHashes: Buffer.from(framed.leafHashes).toString('hex') },
      `bundle ${index} of ${width}`,
    );
  }
});

void t.test('removed events: the same problems inline and in chunks on workers', async (t) => {
  const copy = join(tempDir(), 'ledger.db');
  const db = openLedgerDatabase(built.path);
  await db.backup(copy);
  db.close();
  const tampered = openLedgerDatabase(copy);
  tampered.prepare('DELETE FROM ledger_events WHERE position = 1100').run();
  tampered.close();
  const results = [];
  for (const workers of [0, 1, 2]) {
    const r = await verifyLog({
      source: openSqliteLedgerReader(copy),
      keys: [KEY.verifierKey],
      workers,
      workersFrom: 0,
    });
    t.notOk(r.ok, `workers ${workers}`);
    t.equal(r.problems[0]?.place, 'leaf 1100', `workers ${workers}`);
    results.push(r.problems);
  }
  t.same(results[1], results[0]);
  t.same(results[2], results[0]);
});

void t.test('a tampered byte is found by the worker threads too', async (t) => {
  const copy = join(tempDir(), 'ledger.db');
  const db = openLedgerDatabase(built.path);
  await db.backup(copy);
  db.close();
  const tampered = openLedgerDatabase(copy);
  const data = tampered
    .prepare<[], Buffer>('SELECT data FROM ledger_events WHERE position = 777')
    .pluck()
    .get() as Buffer;
  data.writeUInt8(data.readUInt8(0) ^ 0xff, 0);
  tampered.prepare('UPDATE ledger_events SET data = ? WHERE position = 777').run(data);
  tampered.close();
  const r = await verifyLog({
    source: openSqliteLedgerReader(copy),
    keys: [KEY.verifierKey],
    workers: 2,
    workersFrom: 0,
  });
  t.notOk(r.ok);
  t.equal(r.problems[0]?.place, 'leaf 777');
});

void t.test(
  'a saved checkpoint beyond the log reveals a rollback; two roots for one size a fork',
  async (t) => {
    const copy = join(tempDir(), 'ledger.db');
    const db = openLedgerDatabase(built.path);
    await db.backup(copy);
    db.close();
    const [first, second] = built.notes as [
      { size: number; note: string },
      { size: number; note: string },
    ];
    // roll back: drop everything after the first checkpoint's size, and the later checkpoints
    const rolled = openLedgerDatabase(copy);
    rolled.prepare('DELETE FROM ledger_events WHERE position >= ?').run(first.size);
    rolled.prepare('DELETE FROM merkle_checkpoints WHERE size > ?').run(first.size);
    rolled.close();
    const r = await verifyLog({
      source: openSqliteLedgerReader(copy),
      keys: [KEY.verifierKey],
      savedCheckpoints: [second.note],
    });
    t.notOk(r.ok);
    t.ok(
      r.problems.some((p) => p.size === second.size && /rolled back or truncated/.test(p.message)),
      'the saved checkpoint is beyond the log',
    );

    // a second note for an existing size, with another root, signed by the log's own key
    const forged = signCheckpoint(
      { origin: ORIGIN, size: first.size, rootHash: new Uint8Array(32).fill(7) },
      parsePrivateKey(KEY.privateKey),
    );
    const f = await verifyLog({
      source: openSqliteLedgerReader(built.path),
      keys: [KEY.verifierKey],
      savedCheckpoints: [forged],
    });
    t.notOk(f.ok);
    t.ok(
      f.problems.some(
        (p) => /forked/.test(p.message) || /differs from the root recomputed/.test(p.message),
      ),
      'the forged head is refused',
    );
    t.equal(f.problems.find((p) => p.size === first.size)?.kind, 'checkpoint');
  },
);
