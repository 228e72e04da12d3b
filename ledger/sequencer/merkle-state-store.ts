/**
 * The MerkleStateStore port: where the sequencer keeps the Merkle log it
 * builds — the leaf index of every stored event, the hash tiles, its progress
 * and the signed checkpoints.
 *
 * Leaves map to store positions; a store whose positions are dense and never
 * repeat an event (SQLite) gives leaf i = position i, which an implementation
 * may store compactly as runs — but it must answer for any mapping.
 *
 * The embedded deployment keeps all of it in the ledger's own SQLite file,
 * next to the events (sqlite-merkle-state-store.ts), so progress commits in
 * the same transaction as the leaves and tiles it covers: the sequencer can
 * be killed at any moment and resumes exactly. Another backend (e.g. for
 * EventStoreDB deployments) must give the same guarantee: `commit` is atomic.
 */
import type { TileData } from '../merkle/tiles.js';

/** The sequencer's progress: everything it needs to resume. */
export interface MerkleProgress {
  /** leaves in the log (the tree size) */
  readonly size: number;
  /** the last store position processed (START = -1 before the first) */
  readonly afterPosition: number;
  /** compact range of the tree of `size`, largest subtree first (CompactRange.hashes()) */
  readonly rangeHashes: readonly Uint8Array[];
  /** events skipped because their event_id already was a leaf, since the log began */
  readonly duplicates: number;
}

/** One leaf: which stored event it is. */
export interface LeafRecord {
  readonly leafIndex: number;
  readonly position: number;
}

/** A stored event that became no leaf: its event_id already was one. */
export interface DuplicateRecord {
  readonly position: number;
  readonly eventId: string;
  /** the leaf of the first occurrence */
  readonly leafIndex: number;
}

/** What one sequencer step writes, atomically. */
export interface SequencedBatch {
  /** the new leaves are `firstLeaf`, `firstLeaf + 1`, ...: the committed size so far */
  readonly firstLeaf: number;
  /** the store position of each new leaf, in leaf order */
  readonly positions: readonly number[];
  /**
   * The event id of each new leaf, kept only when the store can hold an id
   * twice (EventStoreDB) so a repeat is recognised; null when the store's own
   * unique index rules repeats out (SQLite), which saves an index entry per leaf.
   */
  readonly eventIds: readonly string[] | null;
  readonly duplicates: readonly DuplicateRecord[];
  /** tiles that became full, then the partial tiles of the new size (each replaces older partials of its place) */
  readonly tiles: readonly TileData[];
  readonly progress: MerkleProgress;
}

/** A signed checkpoint as the sequencer recorded it. */
export interface CheckpointRecord {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** the signed note (C2SP tlog-checkpoint) */
  readonly note: string;
  /** signing time, unix milliseconds */
  readonly signedAt: number;
  /** true once its CheckpointSigned event is in the store */
  readonly announced: boolean;
  /** revision of the fence stream after this checkpoint's claim (EventStoreDB), else null */
  readonly fenceRevision: number | null;
}

/** Where the sequencer resumes from. */
export interface MerkleResumePoint {
  readonly progress: MerkleProgress;
  /** the partial tiles of the tree of `progress.size`, exactly as wide as that size implies */
  readonly partialTiles: readonly TileData[];
}

/** The sequencer's storage. Every method may throw LDG_ERR_STORE_UNAVAILABLE / LDG_ERR_STORE_CLOSED. */
export interface MerkleStateStore {
  /** The committed progress and partial tiles (size 0 and START for a new log). */
  resumePoint(): Promise<MerkleResumePoint>;

  /** Of the given event ids, those that already are leaves, with their leaf index. */
  knownEventIds(eventIds: readonly string[]): Promise<Map<string, number>>;

  /** Writes a step atomically (leaves, duplicates, tiles, progress), or nothing. */
  commit(batch: SequencedBatch): Promise<void>;

  /** Records a freshly signed checkpoint (idempotent on size). */
  putCheckpoint(checkpoint: CheckpointRecord): Promise<void>;

  /** Notes the fence revision a checkpoint's claim produced. */
  setFenceRevision(size: number, revision: number): Promise<void>;

  /** The fence revision of the latest claimed checkpoint, null when none was claimed. */
  lastFenceRevision(): Promise<number | null>;

  /** Marks a checkpoint's CheckpointSigned event as stored. */
  markAnnounced(size: number): Promise<void>;

  /** Checkpoints whose CheckpointSigned event is not known to be stored, smallest first. */
  unannouncedCheckpoints(): Promise<CheckpointRecord[]>;

  /** The checkpoint of the largest size, if any. */
  latestCheckpoint(): Promise<CheckpointRecord | undefined>;

  /** The checkpoint of exactly `size`, if one was signed. */
  checkpointAt(size: number): Promise<CheckpointRecord | undefined>;

  /** Every checkpoint, smallest first. */
  checkpoints(): Promise<CheckpointRecord[]>;

  /** The stored hash tile at (level, index), at the largest width stored. */
  tile(level: number, index: number): Promise<TileData | undefined>;

  /** Leaves first..first+count-1 that exist, in order. */
  leaves(first: number, count: number): Promise<LeafRecord[]>;

  /** The leaf of each position processed so far (a skipped duplicate maps to its first occurrence). */
  leafIndexesOf(positions: readonly number[]): Promise<Map<number, number>>;

  /** The leaf whose event id is `eventId`, when ids are kept (see SequencedBatch.eventIds). */
  leafByEventId(eventId: string): Promise<LeafRecord | undefined>;

  /** Releases what the store opened itself. Idempotent. */
  close(): Promise<void>;
}
