/**
 * Where `verifyLog` reads a log from: a ledger over HTTP (the tlog-tiles
 * paths) or a data directory on disk. Nothing a source returns is trusted;
 * the verifier recomputes everything and checks it against signed
 * checkpoints and the caller's public key.
 */
import type { TileId } from '../merkle/tiles.js';

/** A problem a source found by itself (e.g. stored rows that belong to no leaf). */
export interface SourceProblem {
  /** the place, e.g. `leaf 17`, `store position 42` */
  readonly place: string;
  readonly message: string;
  /** the leaf it concerns, when there is one */
  readonly leafIndex?: number;
}

/** A log to verify. */
export interface LogSource {
  /** e.g. the URL or the data directory, for messages */
  readonly description: string;

  /**
   * A ledger database the verifier's worker threads may open read-only to
   * build entry bundles themselves (openSqliteLedgerReader), so that reading
   * runs in parallel too. Absent: bundles come from `entryBundle`.
   */
  readonly databasePath?: string;

  /** The latest checkpoint note the log publishes, undefined when it has none. */
  latestCheckpoint(): Promise<string | undefined>;

  /** Checkpoint notes the source keeps besides those recorded in the log, smallest size first. */
  knownCheckpoints(): AsyncIterable<string>;

  /**
   * Entry bundle `index` holding `width` entries (tile/entries/<N>[.p/<W>]).
   * A bundle that cannot be had is LDG_ERR_NOT_FOUND; one that cannot be built
   * because stored data is missing is LDG_ERR_TAMPERED naming the leaf.
   */
  entryBundle(index: number, width: number): Promise<Uint8Array>;

  /** A stored hash tile, undefined when the source has none. */
  tile(tile: TileId): Promise<Uint8Array | undefined>;

  /** Checks only the source can make, over the first `size` leaves (none by default). */
  audit?(size: number): Promise<SourceProblem[]>;

  /** Releases what the source opened. */
  close(): Promise<void>;
}
