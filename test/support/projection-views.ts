/**
 * Reads a views database back as plain, comparable data: every view table's
 * rows, sorted, with integer keys replaced by what they stand for
 * (`kind:tenant:value`), since two databases built in different orders number
 * their keys differently. Two dumps are equal exactly when the read models are.
 */
import Database from 'better-sqlite3';

export type ViewsDump = Record<string, unknown[]>;

/** Tables whose content depends on when, not what, was projected. */
const SKIPPED = new Set(['view_keys', 'view_meta']);

export function dumpViews(path: string): ViewsDump {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const keys = new Map<number, string>();
    for (const k of db
      .prepare<[], { key: number; kind: number; tenant: string; value: string }>(
        'SELECT key, kind, tenant, value FROM view_keys',
      )
      .all()) {
      keys.set(k.key, `${k.kind}:${k.tenant}:${k.value}`);
    }
    const tables = db
      .prepare<[], string>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all()
      .filter((t) => !SKIPPED.has(t));
    const out: ViewsDump = {};
    for (const table of tables) {
      const rows = db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${table}"`).all();
      const mapped = rows.map((row) => {
        const r: Record<string, unknown> = {};
        for (const [column, value] of Object.entries(row)) {
          if (table === 'view_checkpoints' && column === 'updated_at') continue;
          r[column] =
            column.endsWith('_key') && typeof value === 'number'
              ? (keys.get(value) ?? `?${value}`)
              : value;
        }
        return r;
      });
      out[table] = mapped
        .map((r) => JSON.stringify(r))
        .sort()
        .map((s) => JSON.parse(s) as unknown);
    }
    return out;
  } finally {
    db.close();
  }
}

/** Row counts per table of a dump (for messages). */
export function dumpCounts(dump: ViewsDump): Record<string, number> {
  return Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, rows.length]));
}
