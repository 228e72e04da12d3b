/**
 * Starts the archiver for `audit-ledger serve`: the configured target (a
 * local directory by default, S3 with Object Lock when configured), its
 * progress in ledger.db, and the sequencer's state as the source. Refuses to
 * start (`LDG_ERR_ARCHIVE_NOT_READY`) on a bucket without Object Lock or
 * versioning; warns that a directory is not WORM storage.
 */
import { mkdirSync } from 'node:fs';
import type { ArchiveSource } from '../../ledger/archive/archive-source.js';
import type { ArchiveReadiness, ArchiveTarget } from '../../ledger/archive/archive-target.js';
import { createArchiver } from '../../ledger/archive/archiver.js';
import type { Archiver, ArchiverLog } from '../../ledger/archive/archiver.js';
import { archivePrefixFor } from '../../ledger/archive/bundle.js';
import type { InternalEventIdentity } from '../../ledger/archive/bundle-archived-event.js';
import {
  archiveStreamName,
  openSqliteArchiveProgress,
} from '../../ledger/archive/sqlite-archive-progress.js';
import type { SqliteArchiveProgressStore } from '../../ledger/archive/sqlite-archive-progress.js';
import type { Ed25519NoteSigner } from '../../ledger/checkpoint/signed-note.js';
import type { LedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { retentionPolicyOf } from './config.js';
import { createArchiveTargetFromConfig } from './targets.js';
import type { ArchiveConfig } from './config.js';

/** What `startArchiver` needs. */
export interface StartArchiverDeps {
  readonly config: ArchiveConfig;
  /** ledger.db (the progress tables live beside the events), or a path to another file. */
  readonly database: LedgerDatabase | string;
  /** The sequencer's state (see ledger/archive/sequencer-source.ts). */
  readonly source: ArchiveSource;
  /** The ledger key (the sequencer's). */
  readonly signer: Ed25519NoteSigner;
  readonly log?: ArchiverLog;
  readonly identity?: InternalEventIdentity;
}

/** A started archiver and what it holds open. */
export interface RunningArchiver {
  readonly archiver: Archiver;
  readonly target: ArchiveTarget;
  readonly readiness: ArchiveReadiness;
  /** The archiver's progress (its bundles), e.g. for evidence packages' references. */
  readonly progress: SqliteArchiveProgressStore;
  /** Stops the rounds (waiting for the current one), then releases the target and the progress store. */
  close(): Promise<void>;
}

/**
 * Builds and starts the archiver; resolves once it checked its target and
 * resumed, or null when the archive is configured `off`. On failure nothing
 * stays open.
 */
export async function startArchiver(deps: StartArchiverDeps): Promise<RunningArchiver | null> {
  const { config } = deps;
  if (config.target === 'off') return null;
  if (config.target === 'directory') mkdirSync(config.directory, { recursive: true });
  const target = createArchiveTargetFromConfig(config);
  const prefix = config.prefix ?? archivePrefixFor(deps.source.origin);
  let progress: SqliteArchiveProgressStore | null = null;
  try {
    const stream = archiveStreamName(target.location, prefix);
    progress =
      typeof deps.database === 'string'
        ? openSqliteArchiveProgress({ path: deps.database, stream })
        : openSqliteArchiveProgress({ database: deps.database, stream });
    const archiver = createArchiver({
      source: deps.source,
      target,
      progress,
      signer: deps.signer,
      retention: retentionPolicyOf(config),
      prefix,
      bundleEntries: config.bundleEntries,
      bundleIntervalMs: config.bundleIntervalMs,
      maxBundleBytes: config.maxBundleBytes,
      pollIntervalMs: config.pollIntervalMs,
      ...(deps.log === undefined ? {} : { log: deps.log }),
      ...(deps.identity === undefined ? {} : { identity: deps.identity }),
    });
    const readiness = await archiver.start();
    const held = progress;
    let closing: Promise<void> | null = null;
    return {
      archiver,
      target,
      readiness,
      progress: held,
      close() {
        closing ??= (async () => {
          await archiver.stop();
          target.close();
          held.close();
        })();
        return closing;
      },
    };
  } catch (e) {
    target.close();
    progress?.close();
    throw e;
  }
}
