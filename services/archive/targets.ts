/**
 * Opens the archive target a configuration names. Kept apart from config.ts
 * so that reading the configuration (every CLI command does) does not load
 * the S3 client.
 */
import type { ArchiveTarget } from '../../ledger/archive/archive-target.js';
import { createDirectoryArchiveTarget } from '../../ledger/archive/directory-archive-target.js';
import { LedgerError } from '../../ledger/errors.js';
import { createS3ArchiveTarget } from '../../ledger/archive/s3-archive-target.js';
import { configError } from '../env-vars.js';
import type { ArchiveConfig } from './config.js';

/**
 * The target a configuration names (not checked yet: the archiver's start
 * runs `checkReady`). Throws LDG_ERR_CONFIG for `off`.
 */
export function createArchiveTargetFromConfig(config: ArchiveConfig): ArchiveTarget {
  if (config.target === 'off') throw new LedgerError('LDG_ERR_CONFIG', 'the archive is off');
  if (config.target === 's3') {
    if (config.s3 === null) throw configError('LEDGER_ARCHIVE_S3_BUCKET', 'is required');
    return createS3ArchiveTarget(config.s3);
  }
  return createDirectoryArchiveTarget({ root: config.directory });
}
