/**
 * Tampering with a real data directory is caught by the real CLI: a ledger
 * writes events (several tenants, several signed checkpoints recorded in the
 * log), stops, and each test alters a copy of its directory the way someone
 * with write access to the disk could — then `audit-ledger verify-log --data`
 * must exit non-zero and its first line must name the place.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { signCheckpoint } from '../../ledger/checkpoint/checkpoint.js';
import { generateNoteKey, parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import type { LedgerDatabase } from '../../ledger/store/sqlite-database.js';
import {
  encodeBatch,
  makeEvents,
  postEvents,
  startTestLedger,
  tempDir,
} from '../support/ledger-server.js';
import { runCli, verifierKeyOf } from '../support/sequencer-cli.js';
import { referenceOpenCheckpoint } from '../support/sequencer-reference.js';

interface Original {
  readonly dir: string;
  readonly vkey: string;
  /** events in the log (leaf = position) */
  readonly size: number;
  /** positions of gateway events (not the ledger's own) */
  readonly gatewayPositions: readonly number[];
  readonly checkpointSizes: readonly number[];
}

async function makeLedger(): Promise<Original> {
  const l = await startTestLedger(
    { teardown: () => undefined },
    { LEDGER_CHECKPOINT_INTERVAL_MS: '50' },
  );
  for (const [i, [gw, tenant, n]] of (
    [
      ['gw-a', 'acme', 260],
      ['gw-g', 'globex', 220],
      ['gw-a', 'acme', 180],
    ] as const
  ).entries()) {
    const token = l.token(gw, tenant);
    const res = await postEvents(
      l.url,
      token,
      encodeBatch(makeEvents(gw, tenant, n, 7 + i)),
      'application/x-protobuf',
      '?wait=checkpoint',
    );
    if (res.status !== 200) throw new Error(`batch ${i}: ${res.status}`);
  }
  await l.close();
  const db = openLedgerDatabase(join(l.dataDir, 'ledger.db'));
  try {
    const size = db
      .prepare<[], number>('SELECT max(size) FROM merkle_checkpoints')
      .pluck()
      .get() as number;
    const gatewayPositions = db
      .prepare<[number], number>(
        "SELECT position FROM ledger_events WHERE tenant_id <> 'ledger' AND position < ? ORDER BY position",
      )
      .pluck()
      .all(size);
    const checkpointSizes = db
      .prepare<[], number>('SELECT size FROM merkle_checkpoints ORDER BY size')
      .pluck()
      .all();
    return {
      dir: l.dataDir,
      vkey: verifierKeyOf(l.dataDir),
      size,
      gatewayPositions,
      checkpointSizes,
    };
  } finally {
    db.close();
  }
}

const original = await makeLedger();

/** A copy of the original data directory, altered by `alter`, then verified with the CLI. */
async function verifyAltered(
  alter: (db: LedgerDatabase) => void,
): Promise<{ code: number; first: string; stderr: string }> {
  const dir = tempDir();
  cpSync(original.dir, dir, { recursive: true });
  const db = openLedgerDatabase(join(dir, 'ledger.db'));
  try {
    alter(db);
  } finally {
    db.close();
  }
  const run = await runCli(['verify-log', '--data', dir, '--key', original.vkey]);
  return {
    code: run.code,
    first: run.stderr.split('\n').find((l) => l.startsWith('verify-log: FAILED')) ?? '',
    stderr: run.stderr,
  };
}

/** A gateway event's position in the second tile, well inside the checked log. */
const P = original.gatewayPositions.find((p) => p > 300) as number;

void t.test('the untouched directory verifies', async (t) => {
  t.ok(
    original.checkpointSizes.length >= 3,
    `${original.checkpointSizes.length} checkpoints signed`,
  );
  const run = await runCli(['verify-log', '--data', original.dir, '--key', original.vkey]);
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, new RegExp(`verify-log: OK: .* at size ${original.size}`));
});

void t.test('one flipped byte in a stored event names its leaf', async (t) => {
  const r = await verifyAltered((db) => {
    const data = db
      .prepare<[number], Buffer>('SELECT data FROM ledger_events WHERE position = ?')
      .pluck()
      .get(P) as Buffer;
    data.writeUInt8(data.readUInt8(20) ^ 0x01, 20);
    db.prepare('UPDATE ledger_events SET data = ? WHERE position = ?').run(data, P);
  });
  t.equal(r.code, 1, r.stderr);
  t.match(r.first, `leaf ${P}:`);
  t.match(r.first, /entry was altered/);
});

void t.test('a deleted event row names its leaf', async (t) => {
  const r = await verifyAltered((db) => {
    db.prepare('DELETE FROM ledger_events WHERE position = ?').run(P);
  });
  t.equal(r.code, 1, r.stderr);
  t.match(r.first, `leaf ${P}: the event at store position ${P} is missing`);
});

void t.test('two swapped event rows name the first of them', async (t) => {
  const Q = original.gatewayPositions.find((p) => p > P + 3) as number;
  const r = await verifyAltered((db) => {
    const get = db.prepare<[number], { data: Buffer; recorded_at: number }>(
      'SELECT data, recorded_at FROM ledger_events WHERE position = ?',
    );
    const a = get.get(P);
    const b = get.get(Q);
    const set = db.prepare('UPDATE ledger_events SET data = ?, recorded_at = ? WHERE position = ?');
    set.run(b?.data, b?.recorded_at, P);
    set.run(a?.data, a?.recorded_at, Q);
  });
  t.equal(r.code, 1, r.stderr);
  t.match(r.first, `leaf ${P}:`);
});

void t.test('a replaced hash tile names the tile', async (t) => {
  const r = await verifyAltered((db) => {
    db.prepare(
      'UPDATE merkle_tiles SET data = randomblob(length(data)) WHERE level = 0 AND idx = 1',
    ).run();
  });
  t.equal(r.code, 1, r.stderr);
  t.match(r.first, 'tile/0/001:');
  t.match(r.first, /the stored tile was altered/);
});

void t.test('a truncated log names the first missing leaf', async (t) => {
  const cut = original.size - 25;
  const events = await verifyAltered((db) => {
    db.prepare('DELETE FROM ledger_events WHERE position >= ?').run(cut);
  });
  t.equal(events.code, 1, events.stderr);
  t.match(events.first, `leaf ${cut}:`);
  t.match(events.stderr, /truncated/);
  const both = await verifyAltered((db) => {
    db.prepare('DELETE FROM ledger_events WHERE position >= ?').run(cut);
    // the leaf mapping cut too: runs of (first leaf, first position, count)
    db.prepare(
      'UPDATE merkle_leaf_runs SET count = ? - first_leaf WHERE first_leaf < ? AND first_leaf + count > ?',
    ).run(cut, cut, cut);
  });
  t.equal(both.code, 1, both.stderr);
  t.match(both.first, `leaf ${cut}:`);
});

void t.test('a checkpoint re-signed with another key names the checkpoint', async (t) => {
  const size = original.checkpointSizes[1] as number;
  const r = await verifyAltered((db) => {
    const note = db
      .prepare<[number], string>('SELECT note FROM merkle_checkpoints WHERE size = ?')
      .pluck()
      .get(size) as string;
    const cp = referenceOpenCheckpoint(note, original.vkey);
    // same name, another key: only the public key tells them apart
    const impostor = parsePrivateKey(generateNoteKey(cp.origin).privateKey);
    const forged = signCheckpoint(
      { origin: cp.origin, size: cp.size, rootHash: cp.rootHash },
      impostor,
    );
    db.prepare('UPDATE merkle_checkpoints SET note = ? WHERE size = ?').run(forged, size);
  });
  t.equal(r.code, 1, r.stderr);
  t.match(r.first, `checkpoint ${size} (`);
  t.match(r.first, /LDG_ERR_SIGNATURE_INVALID/);
});

void t.test('a usage mistake exits 2', async (t) => {
  t.equal((await runCli(['verify-log', '--data', original.dir])).code, 2, 'no key');
  t.equal((await runCli(['verify-log', '--key', original.vkey])).code, 2, 'no source');
  t.equal(
    (await runCli(['verify-log', '--data', tempDir(), '--key', original.vkey])).code,
    2,
    'not a data directory',
  );
});
