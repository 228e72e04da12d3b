/**
 * The EvidenceSource port: what the evidence builder needs from the rest of
 * the ledger — matching events from the read models, their bytes from the
 * store, their leaves and proofs from the Merkle log, archived bundles from
 * the archiver — as a few narrow methods, so the builder depends on none of
 * those components directly. `createLogEvidenceSource` (log-evidence-source.ts)
 * implements it over the sequencer, the store and the archive progress;
 * `projections/evidence/` supplies the event finder over the event index.
 */
import type { TileFetcher } from '../merkle/tiles.js';
import type { StoredEvent } from '../store/event-store.js';
import type { EvidenceControl, EvidenceQuery } from './query.js';

/** One event the index says matches a query. */
export interface EvidenceMatch {
  readonly position: number;
  /** ISO/IEC 27001:2022 controls (of those asked for) this event is evidence for. */
  readonly controls: readonly string[];
}

/** A signed checkpoint: its size, root and note. */
export interface EvidenceCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** the C2SP signed note */
  readonly note: string;
}

/** An archived bundle, as the archiver recorded it. */
export interface EvidenceBundle {
  /** where the target is, e.g. `s3://audit-archive` or `file:///…` */
  readonly location: string;
  /** S3 bucket; empty for a directory target */
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | null;
  /** lower-case hex SHA-256 of the bundle file */
  readonly sha256: string;
  /** leaves [first, end) */
  readonly first: number;
  readonly end: number;
  readonly retainUntil: Date;
  readonly lockMode: string;
}

/** One session, for the report. */
export interface EvidenceSession {
  readonly sessionId: string;
  readonly actor: string;
  readonly resource: string;
  readonly status: string;
  readonly startedAt: number;
  readonly privileged: boolean | null;
  readonly mfa: boolean | null;
  readonly accessMode: string | null;
  readonly commands: number;
  readonly blocks: number;
  readonly maskedValues: number;
  readonly approvals: readonly EvidenceApproval[];
}

/** One approval request of a session and its outcome. */
export interface EvidenceApproval {
  readonly requestId: string;
  readonly status: string;
  /** approver subjects who granted or denied */
  readonly approvers: readonly string[];
  readonly reason: string;
}

/** Finds events in the read models (the projections' event index). */
export interface EvidenceEventFinder {
  /**
   * The controls an id names (2022 id or 2013 alias). ValidationError (LDG_ERR_VALIDATION)
   * naming every unknown id.
   */
  resolveControls(ids: readonly string[]): EvidenceControl[];
  /**
   * Events of `query.tenant` matching the query and any of `controls` (2022
   * ids), with store position at most `asOf`, in index order (time, then
   * position). Waits for the index to reach `asOf` first.
   */
  matching(
    query: EvidenceQuery,
    controls: readonly string[],
    asOf: number,
  ): AsyncIterable<EvidenceMatch[]>;
  /** Sessions (and their approvals) of `tenant`, for the report; may return fewer. */
  sessions?(tenant: string, sessionIds: readonly string[]): Promise<EvidenceSession[]>;
}

/** The data the builder needs; see the module comment. */
export interface EvidenceSource extends EvidenceEventFinder {
  /** The latest signed checkpoint, with the store position of its last leaf; undefined before the first. */
  latestCheckpoint(): Promise<(EvidenceCheckpoint & { readonly lastPosition: number }) | undefined>;
  /** The checkpoint of exactly `size`, if one was signed. */
  checkpointAt(size: number): Promise<EvidenceCheckpoint | undefined>;
  /** The stored events at `positions` (absent ones are missing from the map). */
  readEvents(positions: readonly number[]): Promise<Map<number, StoredEvent>>;
  /** The leaf index of each position that is a leaf. */
  leafIndexes(positions: readonly number[]): Promise<Map<number, number>>;
  /** Hash tiles of the log, for proofs. */
  readonly fetchTile: TileFetcher;
  /** Archived bundles with end <= `size`, in chain order (none without an archiver). */
  archivedBundles(size: number): Promise<EvidenceBundle[]>;
  /** Verifier keys of the log, `name+hex+base64`; the first is the checkpoint key. */
  verifierKeys(): readonly string[];
}
