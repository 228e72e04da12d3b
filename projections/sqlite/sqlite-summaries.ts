/**
 * The `summaries` projection in SQLite: per tenant and UTC day (of the
 * gateway's occurred_at), how many values were masked per resource, info type
 * and rule (`su_masking`), how many commands were blocked per resource and
 * rule (`su_blocking`), and how many events of each type arrived
 * (`su_types`). Counts are summed in memory per batch, then upserted once.
 */
import type Database from 'better-sqlite3';
import { GATEWAY_PAYLOAD_TYPES, INTERNAL_PAYLOAD_TYPES } from '../../ledger/events/index.js';
import { dayOf } from '../view-store.js';
import type {
  BlockingDayRow,
  MaskingDayRow,
  ProjectedEvent,
  StatsQuery,
  TypeDayRow,
} from '../view-store.js';
import type { SqliteKeys } from './sqlite-keys.js';
import { StatementCache, VIEWS_SCHEMA_VERSION } from './sqlite-projection.js';
import type { SqliteProjection } from './sqlite-projection.js';

/** Idempotent DDL of the projection's tables. */
export const SUMMARIES_DDL = `
CREATE TABLE IF NOT EXISTS su_masking (
  tenant_key    INTEGER NOT NULL,
  day           INTEGER NOT NULL,
  resource      TEXT    NOT NULL,
  info_type     TEXT    NOT NULL,
  rule          TEXT    NOT NULL,
  events        INTEGER NOT NULL,
  values_masked INTEGER NOT NULL,
  PRIMARY KEY (tenant_key, day, resource, info_type, rule)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS su_blocking (
  tenant_key INTEGER NOT NULL,
  day        INTEGER NOT NULL,
  resource   TEXT    NOT NULL,
  rule_name  TEXT    NOT NULL,
  rule_type  TEXT    NOT NULL,
  events     INTEGER NOT NULL,
  PRIMARY KEY (tenant_key, day, resource, rule_name, rule_type)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS su_types (
  tenant_key INTEGER NOT NULL,
  day        INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  events     INTEGER NOT NULL,
  PRIMARY KEY (tenant_key, day, type)
) STRICT, WITHOUT ROWID;
`;

const TYPE_SLOT = new Map<string, number>(
  [...GATEWAY_PAYLOAD_TYPES, ...INTERNAL_PAYLOAD_TYPES].map((t, i) => [t, i]),
);

type MaskingParams = [number, number, string, string, string, number, number];
type BlockingParams = [number, number, string, string, string, number];
type TypeParams = [number, number, string, number];

export class SqliteSummaries implements SqliteProjection {
  readonly name = 'summaries' as const;
  readonly version = `summaries/${VIEWS_SCHEMA_VERSION}`;
  readonly tables = ['su_masking', 'su_blocking', 'su_types'] as const;
  readonly ddl = SUMMARIES_DDL;

  readonly #keys: SqliteKeys;
  readonly #queries: StatementCache;
  readonly #addMasking: Database.Statement<MaskingParams>;
  readonly #addBlocking: Database.Statement<BlockingParams>;
  readonly #addType: Database.Statement<TypeParams>;

  constructor(db: Database.Database, keys: SqliteKeys) {
    this.#keys = keys;
    this.#queries = new StatementCache(db);
    this.#addMasking = db.prepare<MaskingParams>(
      `INSERT INTO su_masking (tenant_key, day, resource, info_type, rule, events, values_masked)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_key, day, resource, info_type, rule) DO UPDATE SET
         events = events + excluded.events, values_masked = values_masked + excluded.values_masked`,
    );
    this.#addBlocking = db.prepare<BlockingParams>(
      `INSERT INTO su_blocking (tenant_key, day, resource, rule_name, rule_type, events)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_key, day, resource, rule_name, rule_type) DO UPDATE SET
         events = events + excluded.events`,
    );
    this.#addType = db.prepare<TypeParams>(
      `INSERT INTO su_types (tenant_key, day, type, events) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_key, day, type) DO UPDATE SET events = events + excluded.events`,
    );
  }

  apply(events: readonly ProjectedEvent[], from: number): void {
    const masking = new Map<string, MaskingParams>();
    const blocking = new Map<string, BlockingParams>();
    const types = new Map<number, TypeParams>();
    for (let i = from; i < events.length; i++) {
      const e = (events[i] as ProjectedEvent).event;
      const tenantKey = this.#keys.tenant(e.tenantId);
      const day = dayOf(e.occurredAtMs);
      // day < 2^20 and 16 type slots: collision-free while tenant keys stay below 2^29
      const tk = (tenantKey * 1_048_576 + day) * 16 + (TYPE_SLOT.get(e.type) ?? 15);
      const t = types.get(tk);
      if (t === undefined) types.set(tk, [tenantKey, day, e.type, 1]);
      else t[3]++;
      if (e.type === 'field_masked') {
        const m = e.fieldMasked;
        const k = `${tenantKey}\u0000${day}\u0000${e.resource.name}\u0000${m.infoType}\u0000${m.rule}`;
        const row = masking.get(k);
        if (row === undefined) {
          masking.set(k, [tenantKey, day, e.resource.name, m.infoType, m.rule, 1, m.count]);
        } else {
          row[5]++;
          row[6] += m.count;
        }
      } else if (e.type === 'command_blocked') {
        const b = e.commandBlocked;
        const k = `${tenantKey}\u0000${day}\u0000${e.resource.name}\u0000${b.ruleName}\u0000${b.ruleType}`;
        const row = blocking.get(k);
        if (row === undefined) {
          blocking.set(k, [tenantKey, day, e.resource.name, b.ruleName, b.ruleType, 1]);
        } else row[5]++;
      }
    }
    for (const row of types.values()) this.#addType.run(...row);
    for (const row of masking.values()) this.#addMasking.run(...row);
    for (const row of blocking.values()) this.#addBlocking.run(...row);
  }

  #range(q: StatsQuery, where: string[], params: unknown[], byResource = true): boolean {
    const tenantKey = this.#keys.findTenant(q.tenant);
    if (tenantKey === undefined) return false;
    where.push('tenant_key = ?');
    params.push(tenantKey);
    if (q.fromDay !== undefined) {
      where.push('day >= ?');
      params.push(q.fromDay);
    }
    if (q.toDay !== undefined) {
      where.push('day < ?');
      params.push(q.toDay);
    }
    if (byResource && q.resource !== undefined) {
      where.push('resource = ?');
      params.push(q.resource);
    }
    return true;
  }

  /** Events per day and payload type (`resource` does not apply). */
  types(q: StatsQuery): TypeDayRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!this.#range(q, where, params, false)) return [];
    params.push(q.limit);
    return this.#queries
      .get<TypeDayRow>(
        `SELECT day, type, events FROM su_types WHERE ${where.join(' AND ')}
         ORDER BY day, type LIMIT ?`,
      )
      .all(...params);
  }

  /** Masking per day, resource, info type and rule. */
  masking(q: StatsQuery): MaskingDayRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!this.#range(q, where, params)) return [];
    params.push(q.limit);
    return this.#queries
      .get<MaskingDayRow>(
        `SELECT day, resource, info_type AS infoType, rule, events, values_masked AS "values"
         FROM su_masking WHERE ${where.join(' AND ')}
         ORDER BY day, resource, info_type, rule LIMIT ?`,
      )
      .all(...params);
  }

  /** Blocked commands per day, resource and rule. */
  blocking(q: StatsQuery): BlockingDayRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!this.#range(q, where, params)) return [];
    params.push(q.limit);
    return this.#queries
      .get<BlockingDayRow>(
        `SELECT day, resource, rule_name AS ruleName, rule_type AS ruleType, events
         FROM su_blocking WHERE ${where.join(' AND ')}
         ORDER BY day, resource, rule_name, rule_type LIMIT ?`,
      )
      .all(...params);
  }
}
