/**
 * A real ledger to archive, for the archive tests and the archive benchmark:
 * gateway events written into a real SQLite store (ledger.db in a temporary
 * or given directory), the real sequencer over it (leaves, tiles, signed
 * checkpoints, CheckpointSigned events, all in ledger.db), and the archiver's
 * view of it through `createSequencerArchiveSource`.
 *
 * Checkpoints are signed on demand (`checkpoint()`, `grow()`), not on the
 * sequencer's timer, so tests know their sizes: `grow(count, step)` appends
 * just enough gateway events that a checkpoint lands every `step` leaves,
 * counting the CheckpointSigned event each checkpoint adds to the log.
 * Another process can open the same directory (the crash test's child): the
 * sequencer only starts on the first `checkpoint()`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArchiveSource, SignedCheckpoint } from '../../ledger/archive/archive-source.js';
import { createSequencerArchiveSource } from '../../ledger/archive/sequencer-source.js';
import { formatPrivateKey, parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import type { Ed25519NoteSigner } from '../../ledger/checkpoint/signed-note.js';
import { encodeAuditEvent } from '../../ledger/events/encode.js';
import { GATEWAY_PAYLOAD_TYPES } from '../../ledger/events/schema.js';
import type { AuditEventInit } from '../../ledger/events/types.js';
import { uuidv7 } from '../../ledger/events/uuid.js';
import { MerkleLogReader } from '../../ledger/sequencer/log-reader.js';
import { createSequencer } from '../../ledger/sequencer/sequencer.js';
import type { Sequencer } from '../../ledger/sequencer/sequencer.js';
import { openSqliteMerkleStateStore } from '../../ledger/sequencer/sqlite-merkle-state-store.js';
import { openSqliteSequencerSource } from '../../ledger/sequencer/sqlite-sequencer-source.js';
import type { NewEvent } from '../../ledger/store/event-store.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import type { LedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { everyGatewayEvent } from './event-factory.js';

/** The test log's origin (also the key name). */
export const TEST_ORIGIN = 'archive.test/ledger';

/** A fixed ledger key, so every process of a test signs and verifies alike. */
export const TEST_PRIVATE_KEY = formatPrivateKey(TEST_ORIGIN, new Uint8Array(32).fill(7));

export interface ArchiveTestLedger {
  readonly dir: string;
  readonly dbPath: string;
  readonly database: LedgerDatabase;
  readonly store: SqliteEventStore;
  readonly signer: Ed25519NoteSigner;
  readonly verifierKey: string;
  readonly origin: string;
  /** The archiver's view of this ledger. */
  readonly source: ArchiveSource;
  /** Appends `count` valid gateway events (every payload type in turn). */
  appendEvents(count: number): Promise<void>;
  /** Sequences every stored event and signs a checkpoint of the new size (returns it). */
  checkpoint(): Promise<SignedCheckpoint>;
  /**
   * Grows the log by `count` leaves, with a checkpoint every `step` leaves
   * from the current number of stored events (the last one at the end).
   * Returns the checkpoint sizes.
   */
  grow(count: number, step: number): Promise<number[]>;
  /** Leaves in the latest checkpoint (0 before the first). */
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface OpenArchiveTestLedgerOptions {
  /** Data directory (default: a new temporary one). */
  readonly dir?: string;
}

/** Opens (or reopens) the test ledger in `options.dir`. */
export async function openArchiveTestLedger(
  options: OpenArchiveTestLedgerOptions = {},
): Promise<ArchiveTestLedger> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'audit-ledger-archive-'));
  const dbPath = join(dir, 'ledger.db');
  const database = openLedgerDatabase(dbPath);
  const store = openSqliteEventStore({ database });
  const state = openSqliteMerkleStateStore({ database });
  const sequencerSource = openSqliteSequencerSource(database);
  const signer = parsePrivateKey(TEST_PRIVATE_KEY);
  const reader = new MerkleLogReader({ state, source: sequencerSource });
  const source = createSequencerArchiveSource({
    origin: TEST_ORIGIN,
    state,
    reader,
    events: store,
    database,
    sqliteEvents: true,
  });
  let sequencer: Sequencer | null = null;

  async function running(): Promise<Sequencer> {
    if (sequencer === null) {
      sequencer = createSequencer({
        source: sequencerSource,
        state,
        signer,
        origin: TEST_ORIGIN,
        // checkpoints on demand only
        checkpointIntervalMs: 3_600_000,
        recorder: store,
        onError: (error, fatal) => {
          if (fatal) process.stderr.write(`test sequencer stopped: ${error.message}\n`);
        },
      });
      await sequencer.start();
    }
    return sequencer;
  }

  async function stored(): Promise<number> {
    return (await store.head()) + 1;
  }

  async function checkpoint(): Promise<SignedCheckpoint> {
    const seq = await running();
    await seq.waitForSize(await stored());
    const latest = await seq.checkpointNow();
    // its CheckpointSigned event is in the store before anything else is appended
    await seq.announced();
    if (latest === undefined) throw new Error('no checkpoint: the log is empty');
    const signed = await source.checkpointAt(latest.size);
    if (signed === null) throw new Error(`checkpoint ${latest.size} not readable`);
    return signed;
  }

  async function appendEvents(count: number): Promise<void> {
    const list = everyGatewayEvent();
    for (let done = 0; done < count;) {
      const n = Math.min(1000, count - done);
      const batch: NewEvent[] = [];
      for (let i = 0; i < n; i++) {
        const k = (done + i) % list.length;
        const t = list[k] as AuditEventInit;
        const eventId = uuidv7();
        batch.push({
          eventId,
          tenantId: t.tenantId ?? 'acme',
          sessionId: t.sessionId ?? 's',
          type: GATEWAY_PAYLOAD_TYPES[k] ?? 'command_executed',
          data: encodeAuditEvent({ ...t, eventId }),
        });
      }
      await store.append(batch);
      done += n;
    }
  }

  return {
    dir,
    dbPath,
    database,
    store,
    signer,
    verifierKey: signer.verifierKey(),
    origin: TEST_ORIGIN,
    source,
    appendEvents,
    checkpoint,
    async grow(count, step) {
      const base = await stored();
      const sizes: number[] = [];
      for (let target = base + Math.min(step, count); ; target += step) {
        const size = Math.min(target, base + count);
        const missing = size - (await stored());
        if (missing > 0) await appendEvents(missing);
        sizes.push((await checkpoint()).size);
        if (size === base + count) return sizes;
      }
    },
    async size() {
      return (await source.latestCheckpoint())?.size ?? 0;
    },
    async close() {
      await sequencer?.stop();
      await state.close();
      await store.close();
      if (database.open) database.close();
    },
  };
}
