/**
 * The `approvals` projection in SQLite: each approval request (`ap_requests`,
 * one row per tenant and request id) linked to the session it was asked in,
 * with every grant and denial (`ap_decisions`, one row per event: approver,
 * group, reason, validity window). A request's status is its last decision in
 * log order. Decisions seen before their request (out-of-order gateways)
 * create the request row from their own envelope; the request's own fields
 * fill in when it arrives.
 */
import type Database from 'better-sqlite3';
import type {
  ApprovalDecisionRow,
  ApprovalQuery,
  ApprovalRow,
  ApprovalStatusName,
  ProjectedEvent,
} from '../view-store.js';
import { KeyKind } from './sqlite-keys.js';
import type { SqliteKeys } from './sqlite-keys.js';
import { StatementCache, VIEWS_SCHEMA_VERSION, pageConditions } from './sqlite-projection.js';
import type { SqliteProjection } from './sqlite-projection.js';

/** Idempotent DDL of the projection's tables. */
export const APPROVALS_DDL = `
CREATE TABLE IF NOT EXISTS ap_requests (
  request_key          INTEGER PRIMARY KEY,
  tenant_key           INTEGER NOT NULL,
  tenant_id            TEXT    NOT NULL,
  request_id           TEXT    NOT NULL,
  session_id           TEXT    NOT NULL,
  session_key          INTEGER NOT NULL,
  started_at           INTEGER NOT NULL,
  first_position       INTEGER NOT NULL,
  requester_key        INTEGER NOT NULL,
  principal_key        INTEGER,
  resource_key         INTEGER NOT NULL,
  requester_subject    TEXT    NOT NULL,
  requester_on_behalf_of TEXT,
  resource_name        TEXT    NOT NULL,
  requested_at         INTEGER,
  requested_position   INTEGER,
  reason               TEXT,
  approver_group       TEXT,
  scope                TEXT,
  statement_digest     TEXT,
  status               TEXT    NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS ap_requests_by_tenant ON ap_requests (tenant_key, started_at, first_position);
CREATE INDEX IF NOT EXISTS ap_requests_by_session ON ap_requests (session_key, started_at, first_position);
CREATE INDEX IF NOT EXISTS ap_requests_by_resource ON ap_requests (resource_key, started_at, first_position);
CREATE TABLE IF NOT EXISTS ap_people (
  person_key     INTEGER NOT NULL,
  started_at     INTEGER NOT NULL,
  first_position INTEGER NOT NULL,
  request_key    INTEGER NOT NULL,
  PRIMARY KEY (person_key, started_at, first_position)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ap_decisions (
  position              INTEGER PRIMARY KEY,
  request_key           INTEGER NOT NULL,
  approver_key          INTEGER NOT NULL,
  decision              TEXT    NOT NULL,
  occurred_at           INTEGER NOT NULL,
  approver_subject      TEXT    NOT NULL,
  approver_email        TEXT    NOT NULL,
  approver_display_name TEXT    NOT NULL,
  approver_group        TEXT    NOT NULL,
  reason                TEXT    NOT NULL,
  valid_from            INTEGER,
  valid_until           INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS ap_decisions_by_request ON ap_decisions (request_key, position);
CREATE INDEX IF NOT EXISTS ap_decisions_by_approver ON ap_decisions (approver_key, request_key);
`;

interface RawRequest {
  readonly requestKey: number;
  readonly tenantId: string;
  readonly requestId: string;
  readonly sessionId: string;
  readonly startedAt: number;
  readonly firstPosition: number;
  readonly status: string;
  readonly requestedAt: number | null;
  readonly requestedPosition: number | null;
  readonly requestedLeaf: number | null;
  readonly requesterSubject: string;
  readonly requesterOnBehalfOf: string | null;
  readonly resourceName: string;
  readonly reason: string | null;
  readonly approverGroup: string | null;
  readonly scope: string | null;
  readonly statementDigest: string | null;
}

interface RawDecision {
  readonly requestKey: number;
  readonly position: number;
  readonly leafIndex: number | null;
  readonly decision: string;
  readonly at: number;
  readonly approverSubject: string;
  readonly approverEmail: string;
  readonly approverDisplayName: string;
  readonly approverGroup: string;
  readonly reason: string;
  readonly validFrom: number | null;
  readonly validUntil: number | null;
}

const REQUEST_COLUMNS = `r.request_key AS requestKey, r.tenant_id AS tenantId, r.request_id AS requestId,
  r.session_id AS sessionId, r.started_at AS startedAt, r.first_position AS firstPosition, r.status,
  r.requested_at AS requestedAt, r.requested_position AS requestedPosition, e.leaf_index AS requestedLeaf,
  r.requester_subject AS requesterSubject, r.requester_on_behalf_of AS requesterOnBehalfOf,
  r.resource_name AS resourceName, r.reason, r.approver_group AS approverGroup, r.scope,
  r.statement_digest AS statementDigest`;

type InsertRequest = [
  number,
  number,
  string,
  string,
  string,
  number,
  number,
  number,
  number,
  number | null,
  number,
  string,
  string | null,
  string,
];
type InsertDecision = [
  number,
  number,
  number,
  string,
  number,
  string,
  string,
  string,
  string,
  string,
  number | null,
  number | null,
];

function ms(t: { readonly seconds: number; readonly nanos: number } | undefined): number | null {
  return t === undefined ? null : t.seconds * 1000 + Math.floor(t.nanos / 1_000_000);
}

export class SqliteApprovals implements SqliteProjection {
  readonly name = 'approvals' as const;
  readonly version = `approvals/${VIEWS_SCHEMA_VERSION}`;
  readonly tables = ['ap_requests', 'ap_people', 'ap_decisions'] as const;
  readonly ddl = APPROVALS_DDL;

  readonly #keys: SqliteKeys;
  readonly #queries: StatementCache;
  readonly #exists: Database.Statement<[number], number>;
  readonly #insert: Database.Statement<InsertRequest>;
  readonly #insertPerson: Database.Statement<[number, number, number, number]>;
  readonly #requested: Database.Statement<[number, number, string, string, string, string, number]>;
  readonly #decide: Database.Statement<[string, number]>;
  readonly #insertDecision: Database.Statement<InsertDecision>;

  constructor(db: Database.Database, keys: SqliteKeys) {
    this.#keys = keys;
    this.#queries = new StatementCache(db);
    this.#exists = db
      .prepare<[number], number>('SELECT 1 FROM ap_requests WHERE request_key = ?')
      .pluck();
    this.#insert = db.prepare<InsertRequest>(
      `INSERT INTO ap_requests (request_key, tenant_key, tenant_id, request_id, session_id, session_key,
         started_at, first_position, requester_key, principal_key, resource_key, requester_subject,
         requester_on_behalf_of, resource_name, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')`,
    );
    this.#insertPerson = db.prepare<[number, number, number, number]>(
      'INSERT INTO ap_people (person_key, started_at, first_position, request_key) VALUES (?, ?, ?, ?)',
    );
    // the first approval_requested of a request wins
    this.#requested = db.prepare<[number, number, string, string, string, string, number]>(
      `UPDATE ap_requests SET requested_at = ?, requested_position = ?, reason = ?,
         approver_group = ?, scope = ?, statement_digest = ?
       WHERE request_key = ? AND requested_position IS NULL`,
    );
    this.#decide = db.prepare<[string, number]>(
      'UPDATE ap_requests SET status = ? WHERE request_key = ?',
    );
    this.#insertDecision = db.prepare<InsertDecision>(
      `INSERT INTO ap_decisions (position, request_key, approver_key, decision, occurred_at,
         approver_subject, approver_email, approver_display_name, approver_group, reason,
         valid_from, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  apply(events: readonly ProjectedEvent[], from: number): void {
    for (let i = from; i < events.length; i++) {
      const p = events[i] as ProjectedEvent;
      const e = p.event;
      let requestId: string;
      if (e.type === 'approval_requested') requestId = e.approvalRequested.requestId;
      else if (e.type === 'approval_granted') requestId = e.approvalGranted.requestId;
      else if (e.type === 'approval_denied') requestId = e.approvalDenied.requestId;
      else continue;
      const request = this.#ensureRequest(p, requestId);
      if (e.type === 'approval_requested') {
        const r = e.approvalRequested;
        this.#requested.run(
          e.occurredAtMs,
          p.position,
          r.reason,
          r.approverGroup,
          r.scope,
          r.statementDigest,
          request,
        );
        continue;
      }
      const d = e.type === 'approval_granted' ? e.approvalGranted : e.approvalDenied;
      const decision = e.type === 'approval_granted' ? 'GRANTED' : 'DENIED';
      const validFrom = e.type === 'approval_granted' ? ms(e.approvalGranted.validFrom) : null;
      const validUntil = e.type === 'approval_granted' ? ms(e.approvalGranted.validUntil) : null;
      this.#insertDecision.run(
        p.position,
        request,
        this.#keys.get(KeyKind.person, e.tenantId, d.approver.subject),
        decision,
        e.occurredAtMs,
        d.approver.subject,
        d.approver.email,
        d.approver.displayName,
        d.approverGroup,
        d.reason,
        validFrom,
        validUntil,
      );
      this.#decide.run(decision, request);
    }
  }

  #ensureRequest(p: ProjectedEvent, requestId: string): number {
    const e = p.event;
    const t = e.tenantId;
    const keys = this.#keys;
    const request = keys.get(KeyKind.request, t, requestId);
    if (this.#exists.get(request) !== undefined) return request;
    const requester = keys.get(KeyKind.person, t, e.actor.subject);
    const principalSubject = e.actor.kind === 'AGENT' ? e.actor.agent.onBehalfOf.subject : null;
    const principal =
      principalSubject === null ? null : keys.get(KeyKind.person, t, principalSubject);
    this.#insert.run(
      request,
      keys.tenant(t),
      t,
      requestId,
      e.sessionId,
      keys.get(KeyKind.session, t, e.sessionId),
      e.occurredAtMs,
      p.position,
      requester,
      principal,
      keys.get(KeyKind.resource, t, e.resource.name),
      e.actor.subject,
      principalSubject,
      e.resource.name,
    );
    this.#insertPerson.run(requester, e.occurredAtMs, p.position, request);
    if (principal !== null && principal !== requester) {
      this.#insertPerson.run(principal, e.occurredAtMs, p.position, request);
    }
    return request;
  }

  /** Requests matching `q`, by (startedAt, firstPosition), each with its decisions. */
  find(q: ApprovalQuery): ApprovalRow[] {
    const keys = this.#keys;
    const tenantKey = keys.findTenant(q.tenant);
    if (tenantKey === undefined) return [];
    const lookup = (kind: KeyKind, v: string | undefined): number | null | undefined =>
      v === undefined ? undefined : (keys.find(kind, q.tenant, v) ?? null);
    const person = lookup(KeyKind.person, q.actor);
    const approver = lookup(KeyKind.person, q.approver);
    const resource = lookup(KeyKind.resource, q.resource);
    const session = lookup(KeyKind.session, q.session);
    if (person === null || approver === null || resource === null || session === null) return [];
    const where: string[] = [];
    const params: unknown[] = [];
    let source = 'ap_requests r';
    let k = 'r';
    if (person !== undefined) {
      source = 'ap_people d JOIN ap_requests r ON r.request_key = d.request_key';
      k = 'd';
      where.push('d.person_key = ?');
      params.push(person);
    }
    if (session !== undefined) {
      where.push('r.session_key = ?');
      params.push(session);
    }
    if (resource !== undefined) {
      where.push('r.resource_key = ?');
      params.push(resource);
    }
    where.push('r.tenant_key = ?');
    params.push(tenantKey);
    if (approver !== undefined) {
      where.push(
        'EXISTS (SELECT 1 FROM ap_decisions x WHERE x.approver_key = ? AND x.request_key = r.request_key)',
      );
      params.push(approver);
    }
    if (q.statuses !== undefined) {
      if (q.statuses.length === 0) return [];
      where.push(`r.status IN (${q.statuses.map(() => '?').join(', ')})`);
      params.push(...q.statuses);
    }
    if (q.scope !== undefined) {
      where.push('r.scope = ?');
      params.push(q.scope);
    }
    if (q.approverGroup !== undefined) {
      where.push('r.approver_group = ?');
      params.push(q.approverGroup);
    }
    pageConditions(k, 'started_at', 'first_position', q, where, params);
    params.push(q.limit);
    const rows = this.#queries
      .get<RawRequest>(
        `SELECT ${REQUEST_COLUMNS} FROM ${source}
         LEFT JOIN ev_events e ON e.position = r.requested_position
         WHERE ${where.join(' AND ')}
         ORDER BY ${k}.started_at, ${k}.first_position LIMIT ?`,
      )
      .all(...params);
    return this.#withDecisions(rows);
  }

  #withDecisions(rows: readonly RawRequest[]): ApprovalRow[] {
    if (rows.length === 0) return [];
    const decisions = this.#queries
      .get<RawDecision>(
        `SELECT d.request_key AS requestKey, d.position, e.leaf_index AS leafIndex, d.decision,
           d.occurred_at AS at, d.approver_subject AS approverSubject, d.approver_email AS approverEmail,
           d.approver_display_name AS approverDisplayName, d.approver_group AS approverGroup, d.reason,
           d.valid_from AS validFrom, d.valid_until AS validUntil
         FROM ap_decisions d LEFT JOIN ev_events e ON e.position = d.position
         WHERE d.request_key IN (SELECT value FROM json_each(?)) ORDER BY d.position`,
      )
      .all(JSON.stringify(rows.map((r) => r.requestKey)));
    const byRequest = new Map<number, ApprovalDecisionRow[]>();
    for (const d of decisions) {
      const list = byRequest.get(d.requestKey) ?? [];
      list.push({
        at: d.at,
        position: d.position,
        leafIndex: d.leafIndex,
        decision: d.decision === 'GRANTED' ? 'GRANTED' : 'DENIED',
        approverSubject: d.approverSubject,
        approverEmail: d.approverEmail,
        approverDisplayName: d.approverDisplayName,
        approverGroup: d.approverGroup,
        reason: d.reason,
        validFrom: d.validFrom,
        validUntil: d.validUntil,
      });
      byRequest.set(d.requestKey, list);
    }
    return rows.map((r) => ({
      tenantId: r.tenantId,
      requestId: r.requestId,
      sessionId: r.sessionId,
      startedAt: r.startedAt,
      firstPosition: r.firstPosition,
      status: r.status as ApprovalStatusName,
      requested:
        r.requestedPosition === null
          ? null
          : { at: r.requestedAt ?? 0, position: r.requestedPosition, leafIndex: r.requestedLeaf },
      requesterSubject: r.requesterSubject,
      requesterOnBehalfOf: r.requesterOnBehalfOf,
      resourceName: r.resourceName,
      reason: r.reason,
      approverGroup: r.approverGroup,
      scope: r.scope,
      statementDigest: r.statementDigest,
      decisions: byRequest.get(r.requestKey) ?? [],
    }));
  }
}
