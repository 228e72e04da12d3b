/**
 * The `events` projection in SQLite: an index of every event by tenant ×
 * (actor, resource, payload type, control, session) × time, pointing into the
 * log by position, plus the number of events per control and day.
 *
 * Tables:
 * - `ev_events`: one row per event (rowid = position): keys, times, the leaf
 *   index (nullable, see view-store.ts) and `control_mask`, one bit per control
 *   of the mapping the event is evidence for. Two indexes:
 *   (tenant, occurred_at, position, type, control_mask, resource) and
 *   (session, occurred_at [, rowid = position]); both yield rows in
 *   (occurred_at, position) order.
 * - `ev_people`: (person key, occurred_at, position) for the acting subject and,
 *   for an agent, the principal it acts for.
 * - `ev_request_scopes`: the scope of each approval request, so a later grant
 *   or denial can be matched by `approval_scope` conditions.
 * - `ev_control_days`: events per (tenant, day, control).
 *
 * Cost model (what projecting at tens of thousands of events/s rests on): an
 * event costs one row, two index entries and one `ev_people` row (two for an
 * agent). People and sessions are many, so they have indexes of their own;
 * payload types, controls and resources are few per tenant, so they ride in
 * the tenant index as covered columns: such a filter scans the tenant's time
 * range in the index and reads only the rows that match. A filter on a rare
 * resource over a long period therefore costs a scan of the period's index
 * entries (sessions, by contrast, have a resource index of their own).
 */
import type Database from 'better-sqlite3';
import type { ControlMapping, TagContext } from '../controls/control-mapping.js';
import { dayOf } from '../view-store.js';
import type {
  ControlDayRow,
  EventQuery,
  EventRow,
  ProjectedEvent,
  StatsQuery,
} from '../view-store.js';
import { KeyKind } from './sqlite-keys.js';
import type { SqliteKeys } from './sqlite-keys.js';
import {
  RowBuffer,
  StatementCache,
  VIEWS_SCHEMA_VERSION,
  pageConditions,
} from './sqlite-projection.js';
import type { SqliteProjection } from './sqlite-projection.js';

/** Idempotent DDL of the projection's tables. */
export const EVENT_INDEX_DDL = `
CREATE TABLE IF NOT EXISTS ev_events (
  position     INTEGER PRIMARY KEY,
  tenant_key   INTEGER NOT NULL,
  type_key     INTEGER NOT NULL,
  resource_key INTEGER NOT NULL,
  session_key  INTEGER NOT NULL,
  occurred_at  INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL,
  leaf_index   INTEGER,
  control_mask INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS ev_events_by_tenant ON ev_events (tenant_key, occurred_at, position, type_key, control_mask, resource_key);
CREATE INDEX IF NOT EXISTS ev_events_by_session ON ev_events (session_key, occurred_at);
CREATE TABLE IF NOT EXISTS ev_people (
  person_key  INTEGER NOT NULL,
  occurred_at INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (person_key, occurred_at, position)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ev_request_scopes (
  tenant_key INTEGER NOT NULL,
  request_id TEXT    NOT NULL,
  scope      TEXT    NOT NULL,
  PRIMARY KEY (tenant_key, request_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ev_control_days (
  tenant_key INTEGER NOT NULL,
  day        INTEGER NOT NULL,
  control    TEXT    NOT NULL,
  events     INTEGER NOT NULL,
  PRIMARY KEY (tenant_key, day, control)
) STRICT, WITHOUT ROWID;
`;

interface RawEventRow {
  readonly position: number;
  readonly leafIndex: number | null;
  readonly typeKey: number;
  readonly occurredAt: number;
  readonly recordedAt: number;
  readonly controlMask: number;
}

const NO_CONTROLS: readonly string[] = Object.freeze([]);

export class SqliteEventIndex implements SqliteProjection {
  readonly name = 'events' as const;
  readonly version: string;
  readonly tables = ['ev_events', 'ev_people', 'ev_request_scopes', 'ev_control_days'] as const;
  readonly ddl = EVENT_INDEX_DDL;

  readonly #keys: SqliteKeys;
  readonly #mapping: ControlMapping;
  readonly #queries: StatementCache;
  readonly #insertEvent: RowBuffer;
  readonly #insertPerson: RowBuffer;
  readonly #insertScope: Database.Statement<[number, string, string]>;
  readonly #scopeOf: Database.Statement<[number, string], string>;
  readonly #addDay: Database.Statement<[number, number, string, number]>;
  readonly #context: TagContext;
  /** Control ids by bit number (mapping order). */
  readonly #controlIds: readonly string[];

  constructor(db: Database.Database, keys: SqliteKeys, mapping: ControlMapping) {
    this.#keys = keys;
    this.#mapping = mapping;
    this.#controlIds = mapping.controls.map((c) => c.id);
    // the control mapping decides every row's control_mask: another mapping means a rebuild
    this.version = `events/${VIEWS_SCHEMA_VERSION}/controls:${mapping.fingerprint.slice(0, 16)}`;
    this.#queries = new StatementCache(db);
    this.#insertEvent = new RowBuffer(db, 'ev_events', [
      'position',
      'tenant_key',
      'type_key',
      'resource_key',
      'session_key',
      'occurred_at',
      'recorded_at',
      'leaf_index',
      'control_mask',
    ]);
    this.#insertPerson = new RowBuffer(
      db,
      'ev_people',
      ['person_key', 'occurred_at', 'position'],
      128,
    );
    // the first approval_requested of a request wins
    this.#insertScope = db.prepare<[number, string, string]>(
      'INSERT OR IGNORE INTO ev_request_scopes (tenant_key, request_id, scope) VALUES (?, ?, ?)',
    );
    this.#scopeOf = db
      .prepare<[number, string], string>(
        'SELECT scope FROM ev_request_scopes WHERE tenant_key = ? AND request_id = ?',
      )
      .pluck();
    this.#addDay = db.prepare<[number, number, string, number]>(
      `INSERT INTO ev_control_days (tenant_key, day, control, events) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_key, day, control) DO UPDATE SET events = events + excluded.events`,
    );
    this.#context = {
      approvalScope: (tenantId, requestId) => {
        const tenantKey = this.#keys.findTenant(tenantId);
        return tenantKey === undefined ? undefined : this.#scopeOf.get(tenantKey, requestId);
      },
    };
  }

  apply(events: readonly ProjectedEvent[], from: number): void {
    // rows a failed batch left buffered were rolled back with it
    this.#insertEvent.clear();
    this.#insertPerson.clear();
    const keys = this.#keys;
    const mapping = this.#mapping;
    // per-batch (tenant, day, control) counts: one upsert each instead of one per event
    const days = new Map<number, [number, number, string, number]>();
    for (let i = from; i < events.length; i++) {
      const p = events[i] as ProjectedEvent;
      const e = p.event;
      const tenant = e.tenantId;
      const at = e.occurredAtMs;
      const tenantKey = keys.tenant(tenant);
      const controls = mapping.tag(p, this.#context);
      let mask = 0;
      if (controls.length > 0) {
        const day = dayOf(at);
        for (const c of controls) {
          const bit = mapping.bit(c) ?? 0;
          mask += bit;
          // bit < 2^52 and day < 2^20: a collision-free number while tenant keys stay below 2^27
          const k = (tenantKey * 1_048_576 + day) * 64 + Math.log2(bit);
          const row = days.get(k);
          if (row === undefined) days.set(k, [tenantKey, day, c, 1]);
          else row[3]++;
        }
      }
      const ev = this.#insertEvent;
      const v = ev.values;
      const at0 = ev.next();
      v[at0] = p.position;
      v[at0 + 1] = tenantKey;
      v[at0 + 2] = keys.get(KeyKind.type, tenant, e.type);
      v[at0 + 3] = keys.get(KeyKind.resource, tenant, e.resource.name);
      v[at0 + 4] = keys.get(KeyKind.session, tenant, e.sessionId);
      v[at0 + 5] = at;
      v[at0 + 6] = p.recordedAt;
      v[at0 + 7] = p.leafIndex;
      v[at0 + 8] = mask;
      ev.added();
      const people = this.#insertPerson;
      const pv = people.values;
      const actorKey = keys.get(KeyKind.person, tenant, e.actor.subject);
      let at1 = people.next();
      pv[at1] = actorKey;
      pv[at1 + 1] = at;
      pv[at1 + 2] = p.position;
      people.added();
      if (e.actor.kind === 'AGENT') {
        const principalKey = keys.get(KeyKind.person, tenant, e.actor.agent.onBehalfOf.subject);
        if (principalKey !== actorKey) {
          at1 = people.next();
          pv[at1] = principalKey;
          pv[at1 + 1] = at;
          pv[at1 + 2] = p.position;
          people.added();
        }
      }
      if (e.type === 'approval_requested') {
        this.#insertScope.run(tenantKey, e.approvalRequested.requestId, e.approvalRequested.scope);
      }
    }
    this.#insertEvent.flush();
    this.#insertPerson.flush();
    for (const row of days.values()) this.#addDay.run(...row);
  }

  #controlsOf(mask: number): readonly string[] {
    if (mask === 0) return NO_CONTROLS;
    const out: string[] = [];
    let m = mask;
    for (let bit = 0; m > 0; bit++, m = Math.floor(m / 2)) {
      if (m % 2 === 1) out.push(this.#controlIds[bit] ?? `#${bit}`);
    }
    return out;
  }

  /** Rows of the index matching `q`, in (occurredAt, position) order. */
  find(q: EventQuery): EventRow[] {
    const keys = this.#keys;
    const tenantKey = keys.findTenant(q.tenant);
    if (tenantKey === undefined) return [];
    const one = (kind: KeyKind, value: string | undefined): number | null | undefined =>
      value === undefined ? undefined : (keys.find(kind, q.tenant, value) ?? null);
    const person = one(KeyKind.person, q.actor);
    const resource = one(KeyKind.resource, q.resource);
    const session = one(KeyKind.session, q.session);
    if (person === null || resource === null || session === null) return [];
    let types: number[] | undefined;
    if (q.types !== undefined) {
      types = q.types.flatMap((v) => {
        const k = keys.find(KeyKind.type, q.tenant, v);
        return k === undefined ? [] : [k];
      });
      if (types.length === 0) return [];
    }
    let mask: number | undefined;
    if (q.controls !== undefined) {
      mask = 0;
      for (const c of q.controls) mask += this.#mapping.bit(c) ?? 0;
      if (mask === 0) return [];
    }

    // drive the scan with the most selective filter's index, test the others per row
    const where: string[] = [];
    const params: unknown[] = [];
    let source = 'ev_events e';
    let k = 'e';
    if (session !== undefined) {
      where.push('e.session_key = ?');
      params.push(session);
    } else if (person !== undefined) {
      source = 'ev_people d JOIN ev_events e ON e.position = d.position';
      k = 'd';
      where.push('d.person_key = ?');
      params.push(person);
    }
    // keys are tenant-scoped already; the tenant condition is the fallback driver and defence in depth
    where.push('e.tenant_key = ?');
    params.push(tenantKey);
    if (session !== undefined && person !== undefined) {
      where.push(
        'EXISTS (SELECT 1 FROM ev_people p WHERE p.person_key = ? AND p.occurred_at = e.occurred_at AND p.position = e.position)',
      );
      params.push(person);
    }
    if (resource !== undefined) {
      where.push('e.resource_key = ?');
      params.push(resource);
    }
    if (types !== undefined) {
      where.push(
        types.length === 1
          ? 'e.type_key = ?'
          : `e.type_key IN (${types.map(() => '?').join(', ')})`,
      );
      params.push(...types);
    }
    if (mask !== undefined) {
      where.push('(e.control_mask & ?) <> 0');
      params.push(mask);
    }
    pageConditions(k, 'occurred_at', 'position', q, where, params);
    params.push(q.limit);
    const index = session !== undefined ? 'ev_events_by_session' : 'ev_events_by_tenant';
    // pin the index: the planner cannot know that a few keys select far fewer rows than the tenant
    const from = k === 'd' ? source : `ev_events e INDEXED BY ${index}`;
    const sql = `SELECT e.position, e.leaf_index AS leafIndex, e.type_key AS typeKey,
        e.occurred_at AS occurredAt, e.recorded_at AS recordedAt, e.control_mask AS controlMask
      FROM ${from} WHERE ${where.join(' AND ')}
      ORDER BY ${k}.occurred_at, ${k}.position LIMIT ?`;
    const rows = this.#queries.get<RawEventRow>(sql).all(...params);
    return rows.map((r) => ({
      position: r.position,
      leafIndex: r.leafIndex,
      type: keys.value(r.typeKey) ?? '',
      occurredAt: r.occurredAt,
      recordedAt: r.recordedAt,
      controls: this.#controlsOf(r.controlMask),
    }));
  }

  /** Events per control and day, by day then mapping order of controls. */
  controlStats(q: StatsQuery): ControlDayRow[] {
    const tenantKey = this.#keys.findTenant(q.tenant);
    if (tenantKey === undefined) return [];
    const where = ['tenant_key = ?'];
    const params: unknown[] = [tenantKey];
    if (q.fromDay !== undefined) {
      where.push('day >= ?');
      params.push(q.fromDay);
    }
    if (q.toDay !== undefined) {
      where.push('day < ?');
      params.push(q.toDay);
    }
    if (q.controls !== undefined) {
      if (q.controls.length === 0) return [];
      where.push(`control IN (${q.controls.map(() => '?').join(', ')})`);
      params.push(...q.controls);
    }
    params.push(q.limit);
    const rows = this.#queries
      .get<ControlDayRow>(
        `SELECT day, control, events FROM ev_control_days WHERE ${where.join(' AND ')}
         ORDER BY day, control LIMIT ?`,
      )
      .all(...params);
    const order = new Map(this.#controlIds.map((c, i) => [c, i]));
    return rows.sort(
      (a, b) => a.day - b.day || (order.get(a.control) ?? 0) - (order.get(b.control) ?? 0),
    );
  }
}
