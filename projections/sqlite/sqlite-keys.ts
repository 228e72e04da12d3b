/**
 * Integer keys for the strings the views index (tenants, people, resources,
 * payload types, sessions, controls, approval requests). Every key but a
 * tenant's is scoped to one tenant, so an index on a key column is an index
 * on (tenant, value): a query that resolves its filters with the caller's
 * tenant can only ever reach that tenant's rows. Integer keys also keep the
 * indexes small, which is most of what makes projecting fast.
 *
 * The dictionary is append-only and shared by every projection; resetting a
 * projection leaves it alone (keys stay valid). Lookups are cached in memory;
 * `forget()` drops the cache, and must be called when a transaction that may
 * have created keys rolls back.
 */
import type Database from 'better-sqlite3';

/** What a key stands for. */
export const KeyKind = {
  tenant: 1,
  person: 2,
  resource: 3,
  type: 4,
  session: 5,
  control: 6,
  request: 7,
} as const;

export type KeyKind = (typeof KeyKind)[keyof typeof KeyKind];

/** DDL of the dictionary (created with the other view tables). */
export const KEYS_DDL = `
CREATE TABLE IF NOT EXISTS view_keys (
  key    INTEGER PRIMARY KEY,
  kind   INTEGER NOT NULL,
  tenant TEXT    NOT NULL,
  value  TEXT    NOT NULL,
  UNIQUE (kind, tenant, value)
) STRICT;
`;

/** Entries per kind the cache holds before it starts over (sessions and requests grow without bound). */
const MAX_CACHED_PER_KIND = 200_000;

/** The tenant column of tenant keys themselves. */
const NO_TENANT = '';

/** Kinds are small integers: a cache slot per kind in a plain array. */
const KIND_SLOTS = 8;

export class SqliteKeys {
  readonly #find: Database.Statement<[number, string, string], number>;
  readonly #insert: Database.Statement<[number, string, string], number>;
  readonly #value: Database.Statement<[number], string>;
  /**
   * tenant → [kind] → value → key. Looking up a tenant's slot once and then
   * one map per value keeps a cached lookup to two hash probes (most events
   * of a batch share their tenant: the last slot is remembered).
   */
  #cache = new Map<string, (Map<string, number> | undefined)[]>();
  readonly #sizes = new Array<number>(KIND_SLOTS).fill(0);
  readonly #values = new Map<number, string>();
  #lastScopeTenant: string | undefined;
  #lastScope: (Map<string, number> | undefined)[] = [];
  // nearly every event of a batch has the same tenant
  #lastTenant: string | undefined;
  #lastTenantKey = 0;

  constructor(db: Database.Database) {
    this.#find = db
      .prepare<[number, string, string], number>(
        'SELECT key FROM view_keys WHERE kind = ? AND tenant = ? AND value = ?',
      )
      .pluck();
    // most cache misses are new values: try the insert first, look up on conflict
    this.#insert = db
      .prepare<[number, string, string], number>(
        'INSERT INTO view_keys (kind, tenant, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING key',
      )
      .pluck();
    this.#value = db.prepare<[number], string>('SELECT value FROM view_keys WHERE key = ?').pluck();
  }

  #scope(tenant: string): (Map<string, number> | undefined)[] {
    if (tenant === this.#lastScopeTenant) return this.#lastScope;
    let scope = this.#cache.get(tenant);
    if (scope === undefined) {
      scope = new Array<Map<string, number> | undefined>(KIND_SLOTS).fill(undefined);
      this.#cache.set(tenant, scope);
    }
    this.#lastScopeTenant = tenant;
    this.#lastScope = scope;
    return scope;
  }

  #cached(kind: number, tenant: string, value: string): number | undefined {
    return this.#scope(tenant)[kind]?.get(value);
  }

  #remember(kind: number, tenant: string, value: string, key: number): void {
    if ((this.#sizes[kind] ?? 0) >= MAX_CACHED_PER_KIND) {
      // start this kind over, in every tenant
      for (const scope of this.#cache.values()) scope[kind] = undefined;
      this.#sizes[kind] = 0;
    }
    const scope = this.#scope(tenant);
    let byValue = scope[kind];
    if (byValue === undefined) {
      byValue = new Map();
      scope[kind] = byValue;
    }
    byValue.set(value, key);
    this.#sizes[kind] = (this.#sizes[kind] ?? 0) + 1;
  }

  /** The key of `value` in `tenant`, created if new. Only inside a write transaction. */
  get(kind: KeyKind, tenant: string, value: string): number {
    const hit = this.#cached(kind, tenant, value);
    if (hit !== undefined) return hit;
    const key = this.#insert.get(kind, tenant, value) ?? this.#find.get(kind, tenant, value);
    if (key === undefined) throw new Error(`view_keys: no key returned for kind ${kind}`);
    this.#remember(kind, tenant, value, key);
    return key;
  }

  /** The key of a tenant, created if new. */
  tenant(tenantId: string): number {
    if (tenantId === this.#lastTenant) return this.#lastTenantKey;
    const key = this.get(KeyKind.tenant, NO_TENANT, tenantId);
    this.#lastTenant = tenantId;
    this.#lastTenantKey = key;
    return key;
  }

  /** The key of `value` in `tenant` if it exists; never creates one. */
  find(kind: KeyKind, tenant: string, value: string): number | undefined {
    const hit = this.#cached(kind, tenant, value);
    if (hit !== undefined) return hit;
    const key = this.#find.get(kind, tenant, value);
    if (key !== undefined) this.#remember(kind, tenant, value, key);
    return key;
  }

  /** The key of a tenant if it exists. */
  findTenant(tenantId: string): number | undefined {
    return this.find(KeyKind.tenant, NO_TENANT, tenantId);
  }

  /** The string a key stands for (cached; meant for small kinds such as payload types). */
  value(key: number): string | undefined {
    const hit = this.#values.get(key);
    if (hit !== undefined) return hit;
    const v = this.#value.get(key);
    if (v !== undefined && this.#values.size < MAX_CACHED_PER_KIND) this.#values.set(key, v);
    return v;
  }

  /** Drops every cached lookup (after a rollback that may have undone new keys). */
  forget(): void {
    this.#lastTenant = undefined;
    this.#lastScopeTenant = undefined;
    this.#lastScope = [];
    this.#cache = new Map();
    this.#sizes.fill(0);
    this.#values.clear();
  }
}
