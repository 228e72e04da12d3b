/**
 * The `sessions` projection in SQLite: one row per (tenant, session) in
 * `se_sessions` (who, what, when, how it opened and ended), its counters in
 * the narrow `se_counts` (updated by nearly every batch, so kept apart from
 * the wide row), merged batch by batch from `foldSessionDeltas` (one write
 * per session per batch, not per event), and `se_people` rows so a session is
 * found by its actor and, for an agent, by the principal it acts for.
 * Timelines are read from the event index (`ev_events` by session).
 */
import type Database from 'better-sqlite3';
import { foldSessionDeltas } from '../session-fold.js';
import type { SessionDelta } from '../session-fold.js';
import type { ProjectedEvent, SessionQuery, SessionRow, SessionStatusName } from '../view-store.js';
import { KeyKind } from './sqlite-keys.js';
import type { SqliteKeys } from './sqlite-keys.js';
import { StatementCache, VIEWS_SCHEMA_VERSION, pageConditions } from './sqlite-projection.js';
import type { SqliteProjection } from './sqlite-projection.js';

/** Idempotent DDL of the projection's tables. */
export const SESSIONS_DDL = `
CREATE TABLE IF NOT EXISTS se_sessions (
  session_key          INTEGER PRIMARY KEY,
  tenant_key           INTEGER NOT NULL,
  tenant_id            TEXT    NOT NULL,
  session_id           TEXT    NOT NULL,
  gateway_id           TEXT    NOT NULL,
  started_at           INTEGER NOT NULL,
  first_position       INTEGER NOT NULL,
  actor_key            INTEGER NOT NULL,
  principal_key        INTEGER,
  resource_key         INTEGER NOT NULL,
  actor_subject        TEXT    NOT NULL,
  actor_kind           TEXT    NOT NULL,
  actor_email          TEXT    NOT NULL,
  actor_display_name   TEXT    NOT NULL,
  identity_provider    TEXT    NOT NULL,
  actor_groups         TEXT    NOT NULL,
  agent_name           TEXT,
  on_behalf_of_subject TEXT,
  on_behalf_of_email   TEXT,
  resource_name        TEXT    NOT NULL,
  resource_type        TEXT    NOT NULL,
  resource_host        TEXT    NOT NULL,
  resource_database    TEXT    NOT NULL,
  opened_at            INTEGER,
  opened_position      INTEGER,
  protocol             TEXT,
  access_mode          TEXT,
  grant_id             TEXT,
  expires_at           INTEGER,
  mfa                  INTEGER,
  privileged           INTEGER,
  closed_at            INTEGER,
  closed_position      INTEGER,
  close_status         TEXT,
  exit_code            INTEGER,
  reported_duration_ms INTEGER,
  bytes_sent           INTEGER,
  bytes_received       INTEGER,
  recording_uri        TEXT,
  recording_sha256     TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS se_counts (
  session_key          INTEGER PRIMARY KEY,
  last_position        INTEGER NOT NULL,
  last_event_at        INTEGER NOT NULL,
  events               INTEGER NOT NULL,
  commands             INTEGER NOT NULL,
  blocks               INTEGER NOT NULL,
  masks                INTEGER NOT NULL,
  masked_values        INTEGER NOT NULL,
  approvals_requested  INTEGER NOT NULL,
  approvals_granted    INTEGER NOT NULL,
  approvals_denied     INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS se_sessions_by_tenant ON se_sessions (tenant_key, started_at, first_position);
CREATE INDEX IF NOT EXISTS se_sessions_by_resource ON se_sessions (resource_key, started_at, first_position);
CREATE TABLE IF NOT EXISTS se_people (
  person_key     INTEGER NOT NULL,
  started_at     INTEGER NOT NULL,
  first_position INTEGER NOT NULL,
  session_key    INTEGER NOT NULL,
  PRIMARY KEY (person_key, started_at, first_position)
) STRICT, WITHOUT ROWID;
`;

const OPENED_COLUMNS = [
  'opened_at',
  'opened_position',
  'protocol',
  'access_mode',
  'grant_id',
  'expires_at',
  'mfa',
  'privileged',
] as const;
const CLOSED_COLUMNS = [
  'closed_at',
  'closed_position',
  'close_status',
  'exit_code',
  'reported_duration_ms',
  'bytes_sent',
  'bytes_received',
  'recording_uri',
  'recording_sha256',
] as const;
const COUNT_COLUMNS = [
  'events',
  'commands',
  'blocks',
  'masks',
  'masked_values',
  'approvals_requested',
  'approvals_granted',
  'approvals_denied',
] as const;
const IDENTITY_COLUMNS = [
  'session_key',
  'tenant_key',
  'tenant_id',
  'session_id',
  'gateway_id',
  'started_at',
  'first_position',
  'actor_key',
  'principal_key',
  'resource_key',
  'actor_subject',
  'actor_kind',
  'actor_email',
  'actor_display_name',
  'identity_provider',
  'actor_groups',
  'agent_name',
  'on_behalf_of_subject',
  'on_behalf_of_email',
  'resource_name',
  'resource_type',
  'resource_host',
  'resource_database',
] as const;
const ALL_COLUMNS = [...IDENTITY_COLUMNS, ...OPENED_COLUMNS, ...CLOSED_COLUMNS];
const COUNTER_COLUMNS = [
  'session_key',
  'last_position',
  'last_event_at',
  ...COUNT_COLUMNS,
] as const;

type Column = (typeof ALL_COLUMNS)[number] | (typeof COUNTER_COLUMNS)[number];
type Params = Record<Column, string | number | null>;

// a session seen for the first time: everything the delta knows
const INSERT_SQL = `INSERT INTO se_sessions (${ALL_COLUMNS.join(', ')})
  VALUES (${ALL_COLUMNS.map(() => '?').join(', ')})`;

const INSERT_COUNTS_SQL = `INSERT INTO se_counts (${COUNTER_COLUMNS.join(', ')})
  VALUES (${COUNTER_COLUMNS.map(() => '?').join(', ')})`;

/** Rows of known sessions' counter updates per UPDATE statement. */
const COUNT_CHUNK = 64;

/**
 * Counter updates of known sessions, COUNT_CHUNK rows per `UPDATE … FROM
 * (VALUES …)`: counts add up, the last position and latest time move forward.
 * Counters live in a narrow table of their own, so the update nearly every
 * batch makes to every active session rewrites small rows.
 */
class CountUpdates {
  readonly #one: Database.Statement<unknown[]>;
  readonly #eight: Database.Statement<unknown[]>;
  readonly #many: Database.Statement<unknown[]>;
  readonly #values: unknown[] = [];

  constructor(db: Database.Database) {
    const width = COUNTER_COLUMNS.length;
    const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    // VALUES columns are column1..columnN, in COUNTER_COLUMNS order
    const set = `last_position = v.column2, last_event_at = max(c.last_event_at, v.column3), ${COUNT_COLUMNS.map(
      (col, i) => `${col} = c.${col} + v.column${i + 4}`,
    ).join(', ')}`;
    const sql = (rows: number): string =>
      `UPDATE se_counts AS c SET ${set} FROM (VALUES ${Array.from({ length: rows }, () => row).join(', ')}) AS v
       WHERE c.session_key = v.column1`;
    this.#one = db.prepare<unknown[]>(sql(1));
    this.#eight = db.prepare<unknown[]>(sql(8));
    this.#many = db.prepare<unknown[]>(sql(COUNT_CHUNK));
  }

  clear(): void {
    this.#values.length = 0;
  }

  /** Queues a known session's counter update (values in COUNTER_COLUMNS order). */
  add(sessionKey: number, d: SessionDelta): void {
    const v = this.#values;
    v.push(
      sessionKey,
      d.lastPosition,
      d.lastEventAt,
      d.events,
      d.commands,
      d.blocks,
      d.masks,
      d.maskedValues,
      d.approvalsRequested,
      d.approvalsGranted,
      d.approvalsDenied,
    );
    if (v.length === COUNT_CHUNK * COUNTER_COLUMNS.length) {
      this.#many.run(this.#values);
      this.#values.length = 0;
    }
  }

  flush(): void {
    const width = COUNTER_COLUMNS.length;
    let i = 0;
    for (; i + 8 * width <= this.#values.length; i += 8 * width) {
      this.#eight.run(this.#values.slice(i, i + 8 * width));
    }
    for (; i < this.#values.length; i += width) {
      this.#one.run(this.#values.slice(i, i + width));
    }
    this.#values.length = 0;
  }
}

// the first session_opened wins; the last session_closed wins
const OPENED_SQL = `UPDATE se_sessions SET ${OPENED_COLUMNS.map((c) => `${c} = ?`).join(', ')}
  WHERE session_key = ? AND opened_position IS NULL`;
const CLOSED_SQL = `UPDATE se_sessions SET ${CLOSED_COLUMNS.map((c) => `${c} = ?`).join(', ')}
  WHERE session_key = ?`;

function bool(v: boolean | undefined): number | null {
  return v === undefined ? null : v ? 1 : 0;
}

function paramsOf(
  d: SessionDelta,
  sessionKey: number,
  tenantKey: number,
  actorKey: number,
  principalKey: number | null,
  resourceKey: number,
): Params {
  const o = d.opened;
  const c = d.closed;
  return {
    session_key: sessionKey,
    tenant_key: tenantKey,
    tenant_id: d.tenantId,
    session_id: d.sessionId,
    gateway_id: d.gatewayId,
    started_at: d.startedAt,
    first_position: d.firstPosition,
    last_position: d.lastPosition,
    last_event_at: d.lastEventAt,
    actor_key: actorKey,
    principal_key: principalKey,
    resource_key: resourceKey,
    actor_subject: d.actorSubject,
    actor_kind: d.actorKind,
    actor_email: d.actorEmail,
    actor_display_name: d.actorDisplayName,
    identity_provider: d.identityProvider,
    actor_groups: JSON.stringify(d.actorGroups),
    agent_name: d.agentName,
    on_behalf_of_subject: d.onBehalfOfSubject,
    on_behalf_of_email: d.onBehalfOfEmail,
    resource_name: d.resourceName,
    resource_type: d.resourceType,
    resource_host: d.resourceHost,
    resource_database: d.resourceDatabase,
    opened_at: o?.at ?? null,
    opened_position: o?.position ?? null,
    protocol: o?.protocol ?? null,
    access_mode: o?.accessMode ?? null,
    grant_id: o?.grantId ?? null,
    expires_at: o?.expiresAt ?? null,
    mfa: bool(o?.mfa),
    privileged: bool(o?.privileged),
    closed_at: c?.at ?? null,
    closed_position: c?.position ?? null,
    close_status: c?.status ?? null,
    exit_code: c?.exitCode ?? null,
    reported_duration_ms: c?.durationMs ?? null,
    bytes_sent: c?.bytesSent ?? null,
    bytes_received: c?.bytesReceived ?? null,
    recording_uri: c?.recordingUri ?? null,
    recording_sha256: c?.recordingSha256 ?? null,
    events: d.events,
    commands: d.commands,
    blocks: d.blocks,
    masks: d.masks,
    masked_values: d.maskedValues,
    approvals_requested: d.approvalsRequested,
    approvals_granted: d.approvalsGranted,
    approvals_denied: d.approvalsDenied,
  };
}

/** se_sessions columns as read back, plus the leaf indices of the open and close events. */
interface RawSession extends Record<Column, string | number | null> {
  readonly opened_leaf: number | null;
  readonly closed_leaf: number | null;
}

const SESSION_COLUMNS = `s.*, ${COUNTER_COLUMNS.filter((c) => c !== 'session_key')
  .map((c) => `c.${c}`)
  .join(', ')}, eo.leaf_index AS opened_leaf, ec.leaf_index AS closed_leaf`;

const SELECT_SESSION = `SELECT ${SESSION_COLUMNS}
  FROM se_sessions s JOIN se_counts c ON c.session_key = s.session_key
  LEFT JOIN ev_events eo ON eo.position = s.opened_position
  LEFT JOIN ev_events ec ON ec.position = s.closed_position`;

function str(v: string | number | null): string {
  return typeof v === 'string' ? v : '';
}
function strOrNull(v: string | number | null): string | null {
  return typeof v === 'string' ? v : null;
}
function num(v: string | number | null): number {
  return typeof v === 'number' ? v : 0;
}
function numOrNull(v: string | number | null): number | null {
  return typeof v === 'number' ? v : null;
}
function boolOrNull(v: string | number | null): boolean | null {
  return typeof v === 'number' ? v !== 0 : null;
}

function groupsOf(v: string | number | null): string[] {
  if (typeof v !== 'string') return [];
  const parsed: unknown = JSON.parse(v);
  return Array.isArray(parsed) ? parsed.filter((g): g is string => typeof g === 'string') : [];
}

/** Maps a stored row to the port's SessionRow. */
function toSessionRow(r: RawSession): SessionRow {
  const openedPosition = numOrNull(r.opened_position);
  const closedPosition = numOrNull(r.closed_position);
  const openedAt = numOrNull(r.opened_at);
  const closedAt = numOrNull(r.closed_at);
  const reported = numOrNull(r.reported_duration_ms);
  let durationMs: number | null = null;
  if (closedAt !== null) {
    if (reported !== null && reported > 0) durationMs = reported;
    else if (openedAt !== null) durationMs = Math.max(0, closedAt - openedAt);
  }
  return {
    tenantId: str(r.tenant_id),
    sessionId: str(r.session_id),
    gatewayId: str(r.gateway_id),
    startedAt: num(r.started_at),
    firstPosition: num(r.first_position),
    lastPosition: num(r.last_position),
    lastEventAt: num(r.last_event_at),
    actorSubject: str(r.actor_subject),
    actorKind: str(r.actor_kind),
    actorEmail: str(r.actor_email),
    actorDisplayName: str(r.actor_display_name),
    identityProvider: str(r.identity_provider),
    actorGroups: groupsOf(r.actor_groups),
    agentName: strOrNull(r.agent_name),
    onBehalfOfSubject: strOrNull(r.on_behalf_of_subject),
    onBehalfOfEmail: strOrNull(r.on_behalf_of_email),
    resourceName: str(r.resource_name),
    resourceType: str(r.resource_type),
    resourceHost: str(r.resource_host),
    resourceDatabase: str(r.resource_database),
    status: (strOrNull(r.close_status) ?? 'OPEN') as SessionStatusName,
    opened:
      openedPosition === null
        ? null
        : { at: openedAt ?? 0, position: openedPosition, leafIndex: r.opened_leaf },
    protocol: strOrNull(r.protocol),
    accessMode: strOrNull(r.access_mode),
    grantId: strOrNull(r.grant_id),
    expiresAt: numOrNull(r.expires_at),
    mfa: boolOrNull(r.mfa),
    privileged: boolOrNull(r.privileged),
    closed:
      closedPosition === null
        ? null
        : { at: closedAt ?? 0, position: closedPosition, leafIndex: r.closed_leaf },
    exitCode: numOrNull(r.exit_code),
    durationMs,
    bytesSent: numOrNull(r.bytes_sent),
    bytesReceived: numOrNull(r.bytes_received),
    recordingUri: strOrNull(r.recording_uri),
    recordingSha256: strOrNull(r.recording_sha256),
    events: num(r.events),
    commands: num(r.commands),
    blocks: num(r.blocks),
    masks: num(r.masks),
    maskedValues: num(r.masked_values),
    approvalsRequested: num(r.approvals_requested),
    approvalsGranted: num(r.approvals_granted),
    approvalsDenied: num(r.approvals_denied),
  };
}

export class SqliteSessions implements SqliteProjection {
  readonly name = 'sessions' as const;
  readonly version = `sessions/${VIEWS_SCHEMA_VERSION}`;
  readonly tables = ['se_sessions', 'se_counts', 'se_people'] as const;
  readonly ddl = SESSIONS_DDL;

  readonly #keys: SqliteKeys;
  readonly #queries: StatementCache;
  readonly #insert: Database.Statement<unknown[]>;
  readonly #insertCounts: Database.Statement<unknown[]>;
  readonly #known: Database.Statement<[string], number>;
  readonly #countUpdates: CountUpdates;
  readonly #opened: Database.Statement<unknown[]>;
  readonly #closed: Database.Statement<unknown[]>;
  readonly #insertPerson: Database.Statement<[number, number, number, number]>;
  readonly #byKey: Database.Statement<[number, number], RawSession>;

  constructor(db: Database.Database, keys: SqliteKeys) {
    this.#keys = keys;
    this.#queries = new StatementCache(db);
    this.#insert = db.prepare<unknown[]>(INSERT_SQL);
    this.#insertCounts = db.prepare<unknown[]>(INSERT_COUNTS_SQL);
    this.#known = db
      .prepare<[string], number>(
        'SELECT session_key FROM se_counts WHERE session_key IN (SELECT value FROM json_each(?))',
      )
      .pluck();
    this.#countUpdates = new CountUpdates(db);
    this.#opened = db.prepare<unknown[]>(OPENED_SQL);
    this.#closed = db.prepare<unknown[]>(CLOSED_SQL);
    this.#insertPerson = db.prepare<[number, number, number, number]>(
      'INSERT INTO se_people (person_key, started_at, first_position, session_key) VALUES (?, ?, ?, ?)',
    );
    this.#byKey = db.prepare<[number, number], RawSession>(
      `${SELECT_SESSION} WHERE s.session_key = ? AND s.tenant_key = ?`,
    );
  }

  apply(events: readonly ProjectedEvent[], from: number): void {
    const keys = this.#keys;
    const deltas = foldSessionDeltas(events, from);
    const sessionKeys = deltas.map((d) => keys.get(KeyKind.session, d.tenantId, d.sessionId));
    // most sessions span several batches: find the known ones in one query
    const known = new Set(this.#known.all(JSON.stringify(sessionKeys)));
    const counts = this.#countUpdates;
    counts.clear();
    deltas.forEach((d, i) => {
      const sessionKey = sessionKeys[i] as number;
      if (known.has(sessionKey)) {
        counts.add(sessionKey, d);
        if (d.opened === null && d.closed === null) return;
      }
      const t = d.tenantId;
      const actorKey = keys.get(KeyKind.person, t, d.actorSubject);
      const principalKey =
        d.onBehalfOfSubject === null ? null : keys.get(KeyKind.person, t, d.onBehalfOfSubject);
      const resourceKey = keys.get(KeyKind.resource, t, d.resourceName);
      const params = paramsOf(d, sessionKey, keys.tenant(t), actorKey, principalKey, resourceKey);
      if (known.has(sessionKey)) {
        if (d.opened !== null)
          this.#opened.run([...OPENED_COLUMNS.map((c) => params[c]), sessionKey]);
        if (d.closed !== null)
          this.#closed.run([...CLOSED_COLUMNS.map((c) => params[c]), sessionKey]);
        return;
      }
      this.#insert.run(ALL_COLUMNS.map((c) => params[c]));
      this.#insertCounts.run(COUNTER_COLUMNS.map((c) => params[c]));
      this.#insertPerson.run(actorKey, d.startedAt, d.firstPosition, sessionKey);
      if (principalKey !== null && principalKey !== actorKey) {
        this.#insertPerson.run(principalKey, d.startedAt, d.firstPosition, sessionKey);
      }
    });
    counts.flush();
  }

  /** One session of a tenant. */
  get(tenant: string, sessionId: string): SessionRow | undefined {
    const tenantKey = this.#keys.findTenant(tenant);
    const key = this.#keys.find(KeyKind.session, tenant, sessionId);
    if (tenantKey === undefined || key === undefined) return undefined;
    const row = this.#byKey.get(key, tenantKey);
    return row === undefined ? undefined : toSessionRow(row);
  }

  /** Sessions matching `q`, by (startedAt, firstPosition). */
  find(q: SessionQuery): SessionRow[] {
    const keys = this.#keys;
    const tenantKey = keys.findTenant(q.tenant);
    if (tenantKey === undefined) return [];
    const person = q.actor === undefined ? undefined : keys.find(KeyKind.person, q.tenant, q.actor);
    const resource =
      q.resource === undefined ? undefined : keys.find(KeyKind.resource, q.tenant, q.resource);
    if (
      (q.actor !== undefined && person === undefined) ||
      (q.resource !== undefined && resource === undefined)
    ) {
      return [];
    }
    const where: string[] = [];
    const params: unknown[] = [];
    let source = 'se_sessions s';
    let k = 's';
    if (person !== undefined) {
      source = 'se_people d JOIN se_sessions s ON s.session_key = d.session_key';
      k = 'd';
      where.push('d.person_key = ?');
      params.push(person);
      if (resource !== undefined) {
        where.push('s.resource_key = ?');
        params.push(resource);
      }
    } else if (resource !== undefined) {
      where.push('s.resource_key = ?');
      params.push(resource);
    }
    where.push('s.tenant_key = ?');
    params.push(tenantKey);
    if (q.privileged !== undefined) {
      where.push(q.privileged ? 's.privileged = 1' : 's.privileged IS NOT 1');
    }
    if (q.statuses !== undefined) {
      const closed = q.statuses.filter((s) => s !== 'OPEN');
      const parts: string[] = [];
      if (q.statuses.includes('OPEN')) parts.push('s.close_status IS NULL');
      if (closed.length > 0) {
        parts.push(`s.close_status IN (${closed.map(() => '?').join(', ')})`);
        params.push(...closed);
      }
      where.push(parts.length === 0 ? '0' : `(${parts.join(' OR ')})`);
    }
    pageConditions(k, 'started_at', 'first_position', q, where, params);
    params.push(q.limit);
    const sql = `SELECT ${SESSION_COLUMNS}
      FROM ${source} JOIN se_counts c ON c.session_key = s.session_key
      LEFT JOIN ev_events eo ON eo.position = s.opened_position
      LEFT JOIN ev_events ec ON ec.position = s.closed_position
      WHERE ${where.join(' AND ')}
      ORDER BY ${k}.started_at, ${k}.first_position LIMIT ?`;
    return this.#queries
      .get<RawSession>(sql)
      .all(...params)
      .map(toSessionRow);
  }
}
