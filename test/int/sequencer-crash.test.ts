/**
 * Crash safety of the sequencer: a child process sequencing a pre-filled
 * store is killed with SIGKILL at random moments, again and again, then run
 * to the end. Every checkpoint any of the runs signed, and every tile, must
 * equal the naive reference tree over the stored entries — and the final
 * tables must equal those of one uninterrupted run. (SIGKILL loses the
 * process, not the OS page cache: this proves that a step's leaves, tiles
 * and progress commit together and that resuming redoes exactly the lost
 * step.)
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { generateNoteKey, parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import { createSequencer } from '../../ledger/sequencer/sequencer.js';
import { openSqliteMerkleStateStore } from '../../ledger/sequencer/sqlite-merkle-state-store.js';
import { openSqliteSequencerSource } from '../../ledger/sequencer/sqlite-sequencer-source.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { readAllEvents, tempDir } from '../support/ledger-server.js';
import { assertMatchesReference } from '../support/sequencer-reference.js';

const TOTAL = 30_000;
const KILLS = 8;

/**
 * The child's command: the compiled fixture when there is a build (scripts/test
 * builds first; it starts in a fraction of a second), else the TypeScript
 * source through the loader tap runs this test with (seconds per start).
 */
const CHILD = ((): string[] => {
  const built = fileURLToPath(
    new URL('../../dist/test/fixtures/sequencer-crash-child.js', import.meta.url),
  );
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) {
    return [fileURLToPath(new URL('../fixtures/sequencer-crash-child.js', import.meta.url))];
  }
  if (existsSync(built)) return [built];
  return [
    ...process.execArgv,
    fileURLToPath(new URL('../fixtures/sequencer-crash-child.ts', import.meta.url)),
  ];
})();

/** Runs the child; resolves 'done' when it finished, 'killed' when SIGKILLed `afterMs` after it started. */
function runChild(
  path: string,
  keyFile: string,
  batch: number,
  afterMs?: number,
): Promise<'done' | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CHILD, path, keyFile, String(batch), String(TOTAL)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (afterMs !== undefined && out.includes('started\n')) {
        setTimeout(() => child.kill('SIGKILL'), afterMs);
        afterMs = undefined;
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('done\n')) resolve('done');
      else reject(new Error(`sequencer child exited with ${String(code ?? signal)}`));
    });
  });
}

void t.test(
  'kill -9 at random moments, then resume: the same roots and tiles as one uninterrupted run',
  async (t) => {
    const dir = tempDir();
    const path = join(dir, 'ledger.db');
    const fill = openSqliteEventStore({ path });
    for (let i = 0; i < TOTAL; i += 1000) {
      await fill.append(
        Array.from({ length: 1000 }, (_, k) => ({
          eventId: `0190a000-0000-7000-8000-${(i + k).toString(16).padStart(12, '0')}`,
          tenantId: k % 3 === 0 ? 'globex' : 'acme',
          sessionId: `s-${(i + k) % 97}`,
          type: 'command_executed',
          data: randomBytes(randomInt(40, 900)),
        })),
      );
    }
    await fill.close();
    // the same store for an uninterrupted run
    const calmDir = tempDir();
    copyFileSync(path, join(calmDir, 'ledger.db'));

    const key = generateNoteKey('crash.test.example/log');
    const keyFile = join(dir, 'signing-key');
    writeFileSync(keyFile, `${key.privateKey}\n`, { mode: 0o600 });

    let kills = 0;
    let finished = false;
    for (let round = 0; round < KILLS && !finished; round++) {
      const outcome = await runChild(path, keyFile, randomInt(5, 120), randomInt(5, 150));
      if (outcome === 'killed') kills++;
      else finished = true;
    }
    t.ok(kills >= 5, `killed the sequencer ${kills} times before it finished`);
    if (!finished) t.equal(await runChild(path, keyFile, 311), 'done', 'the last run completes');

    const db = openLedgerDatabase(path);
    const store = openSqliteEventStore({ database: db });
    const state = openSqliteMerkleStateStore({ database: db });
    t.teardown(async () => {
      await store.close();
      await state.close();
      db.close();
    });
    const stored = await readAllEvents(store);
    t.equal(stored.length, TOTAL, 'the store holds only the pre-filled events');
    const signed = await state.checkpoints();
    t.ok(signed.length >= kills, `${signed.length} checkpoints signed across the runs`);
    await assertMatchesReference(t, state, stored, key.verifierKey);

    // one uninterrupted run over the same store gives the same tables
    const calmDb = openLedgerDatabase(join(calmDir, 'ledger.db'));
    const calmState = openSqliteMerkleStateStore({ database: calmDb });
    t.teardown(async () => {
      await calmState.close();
      calmDb.close();
    });
    const calm = createSequencer({
      source: openSqliteSequencerSource(calmDb),
      state: calmState,
      signer: parsePrivateKey(key.privateKey),
      origin: 'crash.test.example/log',
    });
    await calm.start();
    await calm.waitForSize(TOTAL);
    await calm.stop();
    const tiles = (d: typeof db): string =>
      d
        .prepare<[], { level: number; idx: number; width: number; data: Buffer }>(
          'SELECT level, idx, width, data FROM merkle_tiles ORDER BY level, idx',
        )
        .all()
        .map((r) => `${r.level}/${r.idx}/${r.width}/${r.data.toString('hex')}`)
        .join('\n');
    t.equal(tiles(db), tiles(calmDb), "every tile equals the uninterrupted run's");
    const stateRow = (d: typeof db): unknown =>
      d.prepare('SELECT size, after_position, hex(range_hashes) AS range FROM merkle_state').get();
    t.same(
      stateRow(db),
      stateRow(calmDb),
      "size, position and compact range equal the uninterrupted run's",
    );
    const runs = (d: typeof db): unknown =>
      d
        .prepare(
          'SELECT first_leaf, first_position, count FROM merkle_leaf_runs ORDER BY first_leaf',
        )
        .all();
    t.same(
      runs(db),
      [{ first_leaf: 0, first_position: 0, count: TOTAL }],
      'every event is one leaf, leaf index = position: one run',
    );
    t.same(runs(calmDb), runs(db));
  },
);
