/**
 * The archiver's durable progress, as a port: where the chain of bundles of
 * one archive stream ends, the intent to seal the next range (written before
 * the upload, so a crash between upload and bookkeeping re-seals exactly that
 * range), and which checkpoints are archived. Adapter: `sqlite-archive-progress.ts`
 * (tables in ledger.db).
 *
 * A stream is one log archived to one place (`<target location>|<prefix>`):
 * switching targets starts a new chain from leaf 0 there.
 */

import type { LockMode } from './archive-target.js';

/** One bundle the archiver stored, as recorded. */
export interface ArchivedBundleRecord {
  readonly key: string;
  readonly first: number;
  readonly end: number;
  /** Lower-case hex SHA-256 of the bundle file. */
  readonly sha256: string;
  /** The stored version; null for a target without versions. */
  readonly versionId: string | null;
  /** Bytes of the bundle file. */
  readonly size: number;
  readonly retainUntil: Date;
  readonly lockMode: LockMode;
  /** When the archiver decided to seal this range (retain-until = sealedAt + retention). */
  readonly sealedAt: Date;
}

/** A range the archiver is about to seal: written durably before the upload. */
export interface SealIntent {
  readonly first: number;
  readonly end: number;
  readonly sealedAt: Date;
  readonly retainUntil: Date;
}

/** Everything the archiver needs to resume. */
export interface ArchiveProgress {
  /** The last bundle of the chain; null before the first. */
  readonly last: ArchivedBundleRecord | null;
  /** True once the `BundleArchived` event of `last` is durable in the log. */
  readonly lastRecorded: boolean;
  /** The compact range of [0, last.end) (empty before the first bundle). */
  readonly frontier: readonly Uint8Array[];
  /** The range being sealed when the archiver stopped, if any. */
  readonly pending: SealIntent | null;
  /** Largest checkpoint size archived, in order, with none missing below it; -1 for none. */
  readonly checkpointSize: number;
}

/**
 * Durable archiver progress of one stream. Every method resolves only once
 * its write is durable. Errors are `LedgerError`s (`LDG_ERR_STORE_UNAVAILABLE`,
 * `LDG_ERR_CONFLICT` when a write does not follow the recorded chain).
 */
export interface ArchiveProgressStore {
  /** The stream's progress (an empty one for a new stream). */
  load(): Promise<ArchiveProgress>;

  /** Records the intent to seal `intent` (replacing any earlier intent). */
  beginSeal(intent: SealIntent): Promise<void>;

  /**
   * Appends `bundle` to the chain, atomically with its frontier, the history
   * row and clearing the intent. Requires `bundle.first` to be the end of the
   * chain (LDG_ERR_CONFLICT otherwise: another archiver wrote meanwhile).
   */
  completeSeal(bundle: ArchivedBundleRecord, frontier: readonly Uint8Array[]): Promise<void>;

  /** Marks the `BundleArchived` event of the chain's last bundle `key` as durable. */
  markRecorded(key: string): Promise<void>;

  /** Records that every checkpoint up to `size` is archived (never lowers it). */
  saveCheckpointSize(size: number): Promise<void>;

  /** Archived bundles with `first` >= `fromLeaf`, in chain order, at most `limit`. */
  bundles(fromLeaf: number, limit: number): Promise<ArchivedBundleRecord[]>;

  /** The archived bundle holding leaf `index`, or null when it is not archived yet. */
  bundleFor(index: number): Promise<ArchivedBundleRecord | null>;
}
