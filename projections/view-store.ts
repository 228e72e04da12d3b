/**
 * The ViewStore port: where the read models live and how they are queried.
 *
 * A ViewStore implements every projection in PROJECTION_NAMES for one storage
 * engine (SQLite in `projections/sqlite/`; another store implements the same
 * interface). The projection runner (`runner.ts`) is storage-agnostic: it
 * reads the EventStore, decodes each event once and hands batches to `apply`,
 * which must change the rows of every projection concerned **and** advance
 * their checkpoints as one atomic unit, so a crash never loses or doubles an
 * effect.
 *
 * Positions are the EventStore's. Every row that stands for an event carries
 * its `position` and a nullable `leafIndex` (its index in the Merkle log, when
 * known; in the embedded SQLite deployment the sequencer makes it equal to the
 * position, see `positionIsLeafIndex`).
 *
 * Ordering and pagination. Lists are ordered by time, ties broken by position:
 * events by `(occurredAt, position)`, sessions and approvals by the time and
 * position of their first event in log order. Both keys are immutable once a
 * row exists, and every list query is bounded by `asOf` (a projection
 * checkpoint taken when a client starts paging): rows with a position above it
 * are left out. A walk with a keyset cursor therefore sees a fixed set in a
 * fixed order, however many events arrive meanwhile: no row skipped, none
 * repeated.
 */
import type { ValidAuditEvent } from '../ledger/events/index.js';
import type { StoredEvent } from '../ledger/store/event-store.js';

/** The projections every ViewStore implements, in the order they are applied. */
export const PROJECTION_NAMES = ['events', 'sessions', 'approvals', 'summaries'] as const;

/**
 * `events`: the event index (tenant × actor, resource, type, control, session, time) and
 * the per-control daily counts; `sessions`: one row per gateway session; `approvals`:
 * each request with its grants and denials; `summaries`: masking, blocking and event
 * counts per day.
 */
export type ProjectionName = (typeof PROJECTION_NAMES)[number];

/** True for a name in PROJECTION_NAMES. */
export function isProjectionName(name: string): name is ProjectionName {
  return (PROJECTION_NAMES as readonly string[]).includes(name);
}

/** One stored event, decoded and validated, as projections consume it. */
export interface ProjectedEvent {
  readonly position: number;
  /** Index in the Merkle log, or null when not (yet) known. */
  readonly leafIndex: number | null;
  /** When the store made the event durable, unix milliseconds. */
  readonly recordedAt: number;
  readonly event: ValidAuditEvent;
}

/** A stored event no projection can use (undecodable or invalid); recorded and skipped. */
export interface RejectedEvent {
  readonly position: number;
  readonly eventId: string;
  readonly tenantId: string;
  readonly type: string;
  readonly reason: string;
}

/** The leaf index of a stored event, or null when unknown. */
export type LeafIndexOf = (event: StoredEvent) => number | null;

/**
 * For the SQLite store: every stored event becomes a Merkle leaf in store order,
 * so the leaf index is the position (positions are dense from 0).
 */
export const positionIsLeafIndex: LeafIndexOf = (event) => event.position;

/** A page of the log, decoded, for `ViewStore.apply`. */
export interface ViewBatch {
  /** The position the page was read after (exclusive): START (-1) or an earlier `last`. */
  readonly after: number;
  /** The last position the page covers; checkpoints advance to it. */
  readonly last: number;
  /** Decoded events in position order (all with after < position <= last). */
  readonly events: readonly ProjectedEvent[];
  /** Events of the page that could not be decoded, in position order. */
  readonly rejected: readonly RejectedEvent[];
}

/** Where one projection stands. */
export interface ProjectionCheckpoint {
  readonly name: ProjectionName;
  /** Last position applied, or START (-1). */
  readonly position: number;
  /** Definition the rows were built with (schema and, for `events`, the control mapping). */
  readonly version: string;
  /** False when `version` differs from the current definition: the projection needs a rebuild. */
  readonly current: boolean;
  /** Events applied and rejected since the projection was last reset. */
  readonly applied: number;
  readonly rejected: number;
  /** When the checkpoint last moved, unix milliseconds (0 if never). */
  readonly updatedAt: number;
}

/** What `apply` did. */
export interface ApplyResult {
  /** Projections that applied (part of) the batch and now stand at `batch.last`. */
  readonly applied: readonly ProjectionName[];
  /**
   * Projections whose stored checkpoint is behind `batch.after` (reset by another
   * process, e.g. a rebuild): nothing was applied to them; re-read from their checkpoint.
   */
  readonly behind: readonly ProjectionName[];
}

/** A keyset position in a time-ordered list: the last row of the previous page. */
export interface Keyset {
  readonly at: number;
  readonly position: number;
}

interface PageQuery {
  /** Always set from the caller's credentials; rows of other tenants are never returned. */
  readonly tenant: string;
  /** Inclusive lower bound on the row's time, unix ms. */
  readonly from?: number;
  /** Exclusive upper bound on the row's time, unix ms. */
  readonly to?: number;
  /** Snapshot: rows whose (first) position is above it are left out. */
  readonly asOf: number;
  /** Continue after this row. */
  readonly after?: Keyset;
  /** At most this many rows. */
  readonly limit: number;
}

/** Filters of the event index; all given filters must hold. */
export interface EventQuery extends PageQuery {
  /** The acting subject, or the principal an agent acts for. */
  readonly actor?: string;
  readonly resource?: string;
  readonly session?: string;
  /** Any of these payload types. */
  readonly types?: readonly string[];
  /** Any of these ISO/IEC 27001:2022 control ids (aliases resolved by the caller). */
  readonly controls?: readonly string[];
}

/** One row of the event index: a pointer into the log. */
export interface EventRow {
  readonly position: number;
  readonly leafIndex: number | null;
  readonly type: string;
  readonly occurredAt: number;
  readonly recordedAt: number;
  /** ISO/IEC 27001:2022 controls this event is evidence for. */
  readonly controls: readonly string[];
}

/** Session status: OPEN until a session_closed event, then the status it carries. */
export type SessionStatusName = 'OPEN' | 'COMPLETED' | 'TERMINATED' | 'EXPIRED' | 'ERROR';

/** Filters of the session list. */
export interface SessionQuery extends PageQuery {
  /** The acting subject, or the principal an agent acts for. */
  readonly actor?: string;
  readonly resource?: string;
  readonly privileged?: boolean;
  readonly statuses?: readonly SessionStatusName[];
}

/** A reference to one event of the log. */
export interface EventRef {
  readonly at: number;
  readonly position: number;
  readonly leafIndex: number | null;
}

/** Who did what where: what a session's first event fixes, shared by its row and by folds of its events. */
export interface SessionIdentity {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly gatewayId: string;
  /** Time and position of the session's first event in log order (the sort key). */
  readonly startedAt: number;
  readonly firstPosition: number;
  readonly actorSubject: string;
  readonly actorKind: string;
  readonly actorEmail: string;
  readonly actorDisplayName: string;
  readonly identityProvider: string;
  readonly actorGroups: readonly string[];
  /** For an AI agent: its name and the principal it acts for; null otherwise. */
  readonly agentName: string | null;
  readonly onBehalfOfSubject: string | null;
  readonly onBehalfOfEmail: string | null;
  readonly resourceName: string;
  readonly resourceType: string;
  readonly resourceHost: string;
  readonly resourceDatabase: string;
}

/** One session, as the sessions projection keeps it. */
export interface SessionRow extends SessionIdentity {
  readonly lastPosition: number;
  readonly lastEventAt: number;
  readonly status: SessionStatusName;
  /** session_opened facts; null until one is seen. */
  readonly opened: EventRef | null;
  readonly protocol: string | null;
  readonly accessMode: string | null;
  readonly grantId: string | null;
  readonly expiresAt: number | null;
  readonly mfa: boolean | null;
  readonly privileged: boolean | null;
  /** session_closed facts; null while open. */
  readonly closed: EventRef | null;
  readonly exitCode: number | null;
  /** Reported by the gateway, else closed minus opened; null while open. */
  readonly durationMs: number | null;
  readonly bytesSent: number | null;
  readonly bytesReceived: number | null;
  readonly recordingUri: string | null;
  readonly recordingSha256: string | null;
  readonly events: number;
  readonly commands: number;
  readonly blocks: number;
  readonly masks: number;
  readonly maskedValues: number;
  readonly approvalsRequested: number;
  readonly approvalsGranted: number;
  readonly approvalsDenied: number;
}

/** Approval status: the last decision in log order. */
export type ApprovalStatusName = 'PENDING' | 'GRANTED' | 'DENIED';

/** Filters of the approval list. */
export interface ApprovalQuery extends PageQuery {
  /** The requesting subject, or the principal an agent acts for. */
  readonly actor?: string;
  /** Subject of an approver who granted or denied. */
  readonly approver?: string;
  readonly resource?: string;
  readonly session?: string;
  readonly statuses?: readonly ApprovalStatusName[];
  readonly scope?: string;
  readonly approverGroup?: string;
}

/** One grant or denial. */
export interface ApprovalDecisionRow extends EventRef {
  readonly decision: 'GRANTED' | 'DENIED';
  readonly approverSubject: string;
  readonly approverEmail: string;
  readonly approverDisplayName: string;
  readonly approverGroup: string;
  readonly reason: string;
  readonly validFrom: number | null;
  readonly validUntil: number | null;
}

/** One approval request with every decision on it. */
export interface ApprovalRow {
  readonly tenantId: string;
  readonly requestId: string;
  readonly sessionId: string;
  readonly startedAt: number;
  readonly firstPosition: number;
  readonly status: ApprovalStatusName;
  /** The approval_requested event; null when only decisions were seen. */
  readonly requested: EventRef | null;
  readonly requesterSubject: string;
  readonly requesterOnBehalfOf: string | null;
  readonly resourceName: string;
  readonly reason: string | null;
  readonly approverGroup: string | null;
  readonly scope: string | null;
  readonly statementDigest: string | null;
  readonly decisions: readonly ApprovalDecisionRow[];
}

/** Filters of the daily statistics; days are UTC days since 1970-01-01. */
export interface StatsQuery {
  readonly tenant: string;
  /** Inclusive first day. */
  readonly fromDay?: number;
  /** Exclusive last day. */
  readonly toDay?: number;
  readonly controls?: readonly string[];
  readonly resource?: string;
  /** At most this many rows (the caller asks one more to detect truncation). */
  readonly limit: number;
}

/** Events that are evidence for one control on one day. */
export interface ControlDayRow {
  readonly day: number;
  readonly control: string;
  readonly events: number;
}

/** Events of one payload type on one day. */
export interface TypeDayRow {
  readonly day: number;
  readonly type: string;
  readonly events: number;
}

/** Masking per day, resource, info type and rule. */
export interface MaskingDayRow {
  readonly day: number;
  readonly resource: string;
  readonly infoType: string;
  readonly rule: string;
  /** field_masked events. */
  readonly events: number;
  /** Sum of their `count` (values masked). */
  readonly values: number;
}

/** Blocked commands per day, resource and rule. */
export interface BlockingDayRow {
  readonly day: number;
  readonly resource: string;
  readonly ruleName: string;
  readonly ruleType: string;
  readonly events: number;
}

/** The read models of every projection, for one storage engine. */
export interface ViewStore {
  /** Checkpoint of every projection. */
  checkpoints(): Promise<ReadonlyMap<ProjectionName, ProjectionCheckpoint>>;

  /**
   * Applies a batch to every projection (or those in `only`) whose checkpoint is
   * below `batch.last`, skipping events at or below each one's checkpoint, and
   * advances those checkpoints to `batch.last` — all in one atomic unit. A
   * projection whose checkpoint is below `batch.after` is left alone and
   * reported in `behind`. Applying the same batch twice changes nothing.
   */
  apply(batch: ViewBatch, only?: readonly ProjectionName[]): Promise<ApplyResult>;

  /**
   * Applies consecutive batches (each one's `after` is the previous one's `last`)
   * in order, each exactly as `apply` would, and commits them as one atomic unit:
   * fewer, larger commits for rebuilds and catch-ups. Batches are pulled one at a
   * time, so the caller can decode each only when it is needed (and let the
   * previous one's objects die young). Stops pulling after a batch that left a
   * projection `behind`. Returns one result per batch applied.
   */
  applyBatches(
    batches: Iterable<ViewBatch>,
    only?: readonly ProjectionName[],
  ): Promise<ApplyResult[]>;

  /** Empties the projections' rows and sets their checkpoints to START with the current definition. */
  reset(names: readonly ProjectionName[]): Promise<void>;

  /** Records leaf indices learnt after projection (e.g. from the sequencer); returns rows updated. */
  setLeafIndexes(entries: readonly { position: number; leafIndex: number }[]): Promise<number>;

  findEvents(query: EventQuery): Promise<EventRow[]>;
  findSessions(query: SessionQuery): Promise<SessionRow[]>;
  getSession(tenant: string, sessionId: string): Promise<SessionRow | undefined>;
  findApprovals(query: ApprovalQuery): Promise<ApprovalRow[]>;
  controlStats(query: StatsQuery): Promise<ControlDayRow[]>;
  typeStats(query: StatsQuery): Promise<TypeDayRow[]>;
  maskingStats(query: StatsQuery): Promise<MaskingDayRow[]>;
  blockingStats(query: StatsQuery): Promise<BlockingDayRow[]>;

  /** Releases resources. Idempotent. */
  close(): Promise<void>;
}

/** Milliseconds in a UTC day. */
export const DAY_MS = 86_400_000;

/** UTC day number (days since 1970-01-01) of a unix-millisecond time. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `YYYY-MM-DD` of a UTC day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
