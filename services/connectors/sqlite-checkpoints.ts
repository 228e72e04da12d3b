/**
 * Durable connector checkpoints in a SQLite file of their own
 * (`DATA/connectors.db`), opened with the ledger's durability pragmas (WAL,
 * synchronous=FULL), so `set` returning means the position survives a crash
 * or power loss. One table, one row per connector name: every connector
 * reads and advances only its own row, so connectors never share progress,
 * and a name is data, never SQL. The only file in services/connectors that
 * touches better-sqlite3 (through the ledger's database module).
 */
import { LedgerError } from '../../ledger/errors.js';
import { openLedgerDatabase, translateSqliteError } from '../../ledger/store/sqlite-database.js';
import type { LedgerDatabase } from '../../ledger/store/sqlite-database.js';

/** One connector's durable progress. */
export interface ConnectorCheckpoint {
  /** Last ledger position the receiver acknowledged (every event up to it is delivered or filtered out). */
  readonly position: number;
  /** Records acknowledged over the connector's life (redeliveries included). */
  readonly delivered: number;
  /** When the row last changed, unix milliseconds. */
  readonly updatedAt: number;
}

/** Durable per-connector checkpoints. */
export interface CheckpointStore {
  /** The connector's checkpoint, or undefined before its first one. */
  get(name: string): ConnectorCheckpoint | undefined;
  /** Records `position` (and adds `delivered`) durably before returning. Positions never move back. */
  advance(name: string, position: number, delivered: number): void;
  close(): void;
}

/** The table, in a file no other component writes. */
export const CONNECTOR_CHECKPOINTS_TABLE = 'connector_checkpoints';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ${CONNECTOR_CHECKPOINTS_TABLE} (
  name       TEXT    PRIMARY KEY,
  position   INTEGER NOT NULL,
  delivered  INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;

interface Row {
  position: number;
  delivered: number;
  updated_at: number;
}

/**
 * Opens (creating) the checkpoint file at `path`. Throws
 * LDG_ERR_STORE_UNAVAILABLE when it cannot be opened; `advance` and `get`
 * throw the ledger's translated SQLite errors.
 */
export function openConnectorCheckpoints(
  path: string,
  now: () => number = Date.now,
): CheckpointStore {
  const db: LedgerDatabase = openLedgerDatabase(path);
  try {
    db.exec(SCHEMA);
  } catch (e) {
    db.close();
    throw translateSqliteError(e, `creating ${CONNECTOR_CHECKPOINTS_TABLE} in ${path}`);
  }
  const select = db.prepare<[string], Row>(
    `SELECT position, delivered, updated_at FROM ${CONNECTOR_CHECKPOINTS_TABLE} WHERE name = ?`,
  );
  // MAX(): a checkpoint never moves back, whatever order writes come in
  const upsert = db.prepare<[string, number, number, number]>(
    `INSERT INTO ${CONNECTOR_CHECKPOINTS_TABLE} (name, position, delivered, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET position = MAX(position, excluded.position),
       delivered = delivered + excluded.delivered, updated_at = excluded.updated_at`,
  );
  return {
    get(name) {
      try {
        const row = select.get(name);
        return row === undefined
          ? undefined
          : { position: row.position, delivered: row.delivered, updatedAt: row.updated_at };
      } catch (e) {
        throw translateSqliteError(e, `reading the checkpoint of connector ${name}`);
      }
    },
    advance(name, position, delivered) {
      if (!Number.isSafeInteger(position) || position < -1) {
        throw new LedgerError(
          'LDG_ERR_INTERNAL',
          `checkpoint ${position} of connector ${name} is not a position`,
        );
      }
      try {
        upsert.run(name, position, delivered, now());
      } catch (e) {
        throw translateSqliteError(e, `writing the checkpoint of connector ${name}`);
      }
    },
    close() {
      if (db.open) db.close();
    },
  };
}
