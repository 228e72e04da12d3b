/**
 * A real embedded ledger for the evidence tests and benchmark: one ledger.db
 * (SQLite store and the real sequencer's tables), the real projections
 * (views.db), optionally the real archiver with a directory target; events
 * from the traffic simulator appended straight to the store (no HTTP, so a
 * large package is quick to set up). The archiver reads the log through a
 * small ArchiveSource over the MerkleStateStore port (below; the archive's own
 * ledger/archive/sequencer-source.ts can replace it once the sequencer's
 * tables settle). Closed at teardown.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { ledger } from '../../proto/generated/ledger.js';
import { generateNoteKey, parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import type { Ed25519NoteSigner } from '../../ledger/checkpoint/signed-note.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import type { LedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { createSequencer } from '../../ledger/sequencer/sequencer.js';
import type { Sequencer } from '../../ledger/sequencer/sequencer.js';
import { openSqliteMerkleStateStore } from '../../ledger/sequencer/sqlite-merkle-state-store.js';
import type { MerkleStateStore } from '../../ledger/sequencer/merkle-state-store.js';
import { openSqliteSequencerSource } from '../../ledger/sequencer/sqlite-sequencer-source.js';
import { MerkleLogReader } from '../../ledger/sequencer/log-reader.js';
import type { ArchiveSource, SignedCheckpoint } from '../../ledger/archive/archive-source.js';
import { LeafEntryWriter } from '../../ledger/sequencer/leaf-entry.js';
import type { CheckpointRecord } from '../../ledger/sequencer/merkle-state-store.js';
import { createArchiver } from '../../ledger/archive/archiver.js';
import type { Archiver } from '../../ledger/archive/archiver.js';
import { createDirectoryArchiveTarget } from '../../ledger/archive/directory-archive-target.js';
import type { ArchiveTarget } from '../../ledger/archive/archive-target.js';
import {
  archiveStreamName,
  openSqliteArchiveProgress,
} from '../../ledger/archive/sqlite-archive-progress.js';
import type { SqliteArchiveProgressStore } from '../../ledger/archive/sqlite-archive-progress.js';
import { archivePrefixFor } from '../../ledger/archive/bundle.js';
import { createLogEvidenceSource } from '../../ledger/evidence/log-evidence-source.js';
import type { EvidenceSource } from '../../ledger/evidence/source.js';
import { createViewEventFinder } from '../../projections/evidence/view-event-finder.js';
import { startProjections } from '../../services/query/projection-service.js';
import type { ProjectionService } from '../../services/query/projection-service.js';
import { TrafficGenerator, toNewEvent } from '../../services/simulate/traffic.js';
import { tempDir } from './ledger-server.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** The origin (key name) of the evidence test ledgers. */
export const EVIDENCE_ORIGIN = 'evidence.test/ledger';

export interface EvidenceLedger {
  readonly dataDir: string;
  readonly db: LedgerDatabase;
  readonly store: SqliteEventStore;
  readonly state: MerkleStateStore;
  readonly sequencer: Sequencer;
  readonly projections: ProjectionService;
  readonly signer: Ed25519NoteSigner;
  readonly verifierKey: string;
  /** the directory archive target, when `archive` was asked for */
  readonly target: ArchiveTarget | null;
  readonly archiver: Archiver | null;
  readonly source: EvidenceSource;
  /** Appends events straight to the store; returns their positions. */
  ingest(events: readonly ledger.v1.IAuditEvent[]): Promise<number[]>;
  /** Sequences everything, signs a checkpoint covering it, and lets the projections catch up. */
  settle(): Promise<CheckpointRecord>;
  /** Seals everything up to the latest checkpoint into bundles (directory target). */
  archive(): Promise<number>;
}

export interface EvidenceLedgerOptions {
  readonly archive?: boolean;
  /** the signing key (default: a fresh one) */
  readonly privateKey?: string;
}

/** Simulated traffic of one tenant, one event every `stepMs` from `startMs`. */
export function simulatedEvents(
  tenantId: string,
  n: number,
  startMs: number,
  stepMs: number,
  seed = 1,
): ledger.v1.IAuditEvent[] {
  let t = startMs;
  const gen = new TrafficGenerator({
    tenantId,
    gatewayId: `gw-${tenantId}`,
    seed,
    concurrentSessions: 8,
    now: () => (t += stepMs),
  });
  return Array.from({ length: n }, () => gen.next());
}

/** The archiver's view of the log, over the sequencer's state port and the store. */
function archiveSourceOver(
  origin: string,
  state: MerkleStateStore,
  reader: MerkleLogReader,
  store: SqliteEventStore,
): ArchiveSource {
  const signed = (c: CheckpointRecord | undefined): SignedCheckpoint | null =>
    c === undefined
      ? null
      : { size: c.size, rootHash: c.rootHash, note: new Uint8Array(Buffer.from(c.note, 'utf8')) };
  const writer = new LeafEntryWriter();
  return {
    origin,
    latestCheckpoint: async () => signed(await state.latestCheckpoint()),
    checkpointAt: async (size) => signed(await state.checkpointAt(size)),
    async checkpointAtOrBefore(size) {
      const all = (await state.checkpoints()).filter((c) => c.size <= size);
      return signed(all.at(-1));
    },
    async checkpointsAfter(after, limit) {
      return (await state.checkpoints())
        .filter((c) => c.size > after)
        .slice(0, limit)
        .map((c) => signed(c) as SignedCheckpoint);
    },
    async entries(from, to) {
      const events = (await reader.leafEvents(from, to - from)) ?? [];
      return events.map(({ leaf, event }) =>
        writer.write(event.data, event.recordedAt, event.position, leaf.leafIndex).slice(),
      );
    },
    async appendEvent(event) {
      await store.append([event]);
    },
  };
}

/** Starts the ledger; see the module comment. */
export async function startEvidenceLedger(
  t: Teardown,
  options: EvidenceLedgerOptions = {},
): Promise<EvidenceLedger> {
  const dataDir = tempDir('audit-ledger-evidence-');
  const db = openLedgerDatabase(join(dataDir, 'ledger.db'));
  const store = openSqliteEventStore({ database: db });
  const state = openSqliteMerkleStateStore({ database: db });
  const seqSource = openSqliteSequencerSource(db);
  const key = options.privateKey ?? generateNoteKey(EVIDENCE_ORIGIN).privateKey;
  const signer = parsePrivateKey(key);
  const verifierKey = signer.verifierKey();
  const sequencer = createSequencer({
    source: seqSource,
    state,
    signer,
    origin: signer.name,
    checkpointIntervalMs: 3_600_000,
    recorder: store,
  });
  await sequencer.start();
  const projections = await startProjections({ store, storeKind: 'sqlite', dataDir });
  const reader = new MerkleLogReader({ state, source: seqSource });
  let target: ArchiveTarget | null = null;
  let archiver: Archiver | null = null;
  let progress: SqliteArchiveProgressStore | null = null;
  if (options.archive === true) {
    const root = join(dataDir, 'archive');
    mkdirSync(root, { recursive: true });
    target = createDirectoryArchiveTarget({ root });
    const prefix = archivePrefixFor(signer.name);
    progress = openSqliteArchiveProgress({
      database: db,
      stream: archiveStreamName(target.location, prefix),
    });
    archiver = createArchiver({
      source: archiveSourceOver(signer.name, state, reader, store),
      target,
      progress,
      signer,
      prefix,
    });
  }
  const source = createLogEvidenceSource({
    state,
    store,
    finder: createViewEventFinder({
      views: projections.views,
      mapping: projections.mapping,
      waitFor: (p, ms) => projections.runner.waitFor(p, ms),
    }),
    verifierKeys: [verifierKey],
    archive: progress === null || target === null ? null : { progress, location: target.location },
  });
  t.teardown(async () => {
    await archiver?.stop();
    target?.close();
    await sequencer.stop();
    await projections.close();
    await store.close();
    progress?.close();
    await state.close();
    if (db.open) db.close();
  });
  const settle = async (): Promise<CheckpointRecord> => {
    const head = await store.head();
    await sequencer.waitForSize(head + 1);
    const cp = await sequencer.checkpointNow();
    await sequencer.announced();
    await projections.runner.waitFor(await store.head(), 60_000);
    return cp as CheckpointRecord;
  };
  return {
    dataDir,
    db,
    store,
    state,
    sequencer,
    projections,
    signer,
    verifierKey,
    target,
    archiver,
    source,
    async ingest(events) {
      const positions: number[] = [];
      for (let i = 0; i < events.length; i += 1000) {
        const res = await store.append(events.slice(i, i + 1000).map(toNewEvent));
        positions.push(...res.map((r) => r.position));
      }
      return positions;
    },
    settle,
    async archive() {
      if (archiver === null) throw new Error('started without archive');
      const round = await archiver.runOnce({ force: true });
      return round.bundles.length;
    },
  };
}
