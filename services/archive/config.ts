/**
 * The archiver's configuration, read from the environment once at start-up
 * (services/ is the only place that reads it): which target (a local
 * directory by default, S3 with Object Lock when a bucket is configured),
 * retention and its floor, when bundles are sealed. `loadArchiveConfig`
 * returns a frozen, validated object and names the bad variable otherwise.
 */
import { boolVar, configError, intVar } from '../env-vars.js';
import type { Env } from '../env-vars.js';
import { join } from 'node:path';
import {
  DEFAULT_ARCHIVE_POLL_INTERVAL_MS,
  DEFAULT_BUNDLE_ENTRIES,
  DEFAULT_BUNDLE_INTERVAL_MS,
  DEFAULT_MAX_BUNDLE_BYTES,
} from '../../ledger/archive/archiver.js';
import { archivePrefixFor } from '../../ledger/archive/bundle.js';
import {
  DEFAULT_RETENTION,
  DEFAULT_RETENTION_FLOOR,
  createRetentionPolicy,
  formatRetention,
  parseRetention,
} from '../../ledger/archive/retention.js';
import type { RetentionPeriod, RetentionPolicy } from '../../ledger/archive/retention.js';
import type { S3ArchiveTargetOptions } from '../../ledger/archive/s3-archive-target.js';

/** Where bundles go: `directory` (embedded default), `s3`, or `off`. */
export type ArchiveTargetKind = 'directory' | 's3' | 'off';

/** The validated archive configuration. */
export interface ArchiveConfig {
  readonly target: ArchiveTargetKind;
  /** The directory target's root (default `<data dir>/archive`). */
  readonly directory: string;
  /** The S3 target, when `target` is `s3`. */
  readonly s3: S3ArchiveTargetOptions | null;
  /** Key prefix; null: derived from the log's origin (`archivePrefixFor`). */
  readonly prefix: string | null;
  readonly retention: RetentionPeriod;
  readonly retentionFloor: RetentionPeriod;
  readonly bundleEntries: number;
  readonly bundleIntervalMs: number;
  readonly maxBundleBytes: number;
  readonly pollIntervalMs: number;
}

/** Every variable the archive reads, with its default (for `audit-ledger help` and the README). */
export const ARCHIVE_ENV_DOC: Readonly<Record<string, string>> = {
  LEDGER_ARCHIVE:
    'archive target: directory (default), s3 (default when LEDGER_ARCHIVE_S3_BUCKET is set) or off',
  LEDGER_ARCHIVE_DIR: 'directory target root (default <data dir>/archive); not WORM storage',
  LEDGER_ARCHIVE_S3_BUCKET: 'S3 bucket created with Object Lock enabled (refused otherwise)',
  LEDGER_ARCHIVE_S3_ENDPOINT: 'S3 endpoint URL, e.g. http://127.0.0.1:7480 (default: AWS)',
  LEDGER_ARCHIVE_S3_REGION: 'S3 region (default AWS_REGION, else us-east-1)',
  LEDGER_ARCHIVE_S3_FORCE_PATH_STYLE:
    'path-style URLs: true/false (default true with an endpoint, false for AWS)',
  AWS_ACCESS_KEY_ID:
    'S3 credentials (with AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); default: the SDK chain',
  LEDGER_ARCHIVE_PREFIX:
    'key prefix in the target (default: the log origin, e.g. ledger.example.com/acme)',
  LEDGER_ARCHIVE_RETENTION: `lock period of each object, e.g. 5y or 1826d (default ${formatRetention(DEFAULT_RETENTION)})`,
  LEDGER_ARCHIVE_RETENTION_FLOOR: `shortest retention accepted (default ${formatRetention(DEFAULT_RETENTION_FLOOR)})`,
  LEDGER_ARCHIVE_BUNDLE_ENTRIES: `seal a bundle every N leaves (default ${DEFAULT_BUNDLE_ENTRIES})`,
  LEDGER_ARCHIVE_BUNDLE_MINUTES: `or after M minutes (default ${DEFAULT_BUNDLE_INTERVAL_MS / 60_000})`,
  LEDGER_ARCHIVE_MAX_BUNDLE_MB: `largest bundle in MiB of entries (default ${DEFAULT_MAX_BUNDLE_BYTES / 1024 / 1024})`,
  LEDGER_ARCHIVE_POLL_MS: `how often new checkpoints are looked for (default ${DEFAULT_ARCHIVE_POLL_INTERVAL_MS})`,
};

function retentionVar(env: Env, name: string, dflt: RetentionPeriod): RetentionPeriod {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  return parseRetention(raw, name);
}

/**
 * The S3 options from the environment: bucket, endpoint, region, path style,
 * and the standard AWS_* credentials when set (otherwise the SDK's chain,
 * e.g. an instance role). `bucketVar` names the bucket's variable in errors.
 */
export function s3OptionsFromEnv(
  env: Env,
  bucket: string,
  bucketVar: string,
): S3ArchiveTargetOptions {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw configError(bucketVar, `"${bucket}" is not a valid S3 bucket name`);
  }
  const endpoint = env.LEDGER_ARCHIVE_S3_ENDPOINT || undefined;
  if (endpoint !== undefined) {
    try {
      const u = new URL(endpoint);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      throw configError('LEDGER_ARCHIVE_S3_ENDPOINT', `must be an http(s) URL, got "${endpoint}"`);
    }
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || undefined;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw configError(
      accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY',
      'set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither',
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  return {
    bucket,
    region: env.LEDGER_ARCHIVE_S3_REGION || env.AWS_REGION || 'us-east-1',
    forcePathStyle: boolVar(env, 'LEDGER_ARCHIVE_S3_FORCE_PATH_STYLE', endpoint !== undefined),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(accessKeyId === undefined || secretAccessKey === undefined
      ? {}
      : {
          credentials: {
            accessKeyId,
            secretAccessKey,
            ...(sessionToken === undefined ? {} : { sessionToken }),
          },
        }),
  };
}

/** Builds the frozen archive configuration from an environment; `dataDir` is the ledger's. */
export function loadArchiveConfig(env: Env, dataDir: string): ArchiveConfig {
  const bucket = env.LEDGER_ARCHIVE_S3_BUCKET || null;
  const kind = env.LEDGER_ARCHIVE || (bucket === null ? 'directory' : 's3');
  if (kind !== 'directory' && kind !== 's3' && kind !== 'off') {
    throw configError('LEDGER_ARCHIVE', `must be directory, s3 or off, got "${kind}"`);
  }
  if (kind === 's3' && bucket === null) {
    throw configError('LEDGER_ARCHIVE_S3_BUCKET', 'is required when LEDGER_ARCHIVE=s3');
  }
  const prefix = env.LEDGER_ARCHIVE_PREFIX || null;
  if (prefix !== null) {
    try {
      if (archivePrefixFor(prefix) !== prefix) throw new Error('not canonical');
    } catch {
      throw configError(
        'LEDGER_ARCHIVE_PREFIX',
        `"${prefix}" is not a key path (segments of A-Z a-z 0-9 ! _ . * ' ( ) -, separated by /)`,
      );
    }
  }
  const retention = retentionVar(env, 'LEDGER_ARCHIVE_RETENTION', DEFAULT_RETENTION);
  const retentionFloor = retentionVar(
    env,
    'LEDGER_ARCHIVE_RETENTION_FLOOR',
    DEFAULT_RETENTION_FLOOR,
  );
  // refuse a retention under the floor now, naming the variables
  try {
    createRetentionPolicy({ period: retention, floor: retentionFloor });
  } catch (e) {
    throw configError('LEDGER_ARCHIVE_RETENTION', e instanceof Error ? e.message : String(e));
  }
  const config: ArchiveConfig = {
    target: kind,
    directory: env.LEDGER_ARCHIVE_DIR || join(dataDir, 'archive'),
    s3:
      kind === 's3' && bucket !== null
        ? Object.freeze(s3OptionsFromEnv(env, bucket, 'LEDGER_ARCHIVE_S3_BUCKET'))
        : null,
    prefix,
    retention,
    retentionFloor,
    bundleEntries: intVar(
      env,
      'LEDGER_ARCHIVE_BUNDLE_ENTRIES',
      DEFAULT_BUNDLE_ENTRIES,
      1,
      10_000_000,
    ),
    bundleIntervalMs:
      intVar(env, 'LEDGER_ARCHIVE_BUNDLE_MINUTES', DEFAULT_BUNDLE_INTERVAL_MS / 60_000, 1, 1440) *
      60_000,
    maxBundleBytes:
      intVar(env, 'LEDGER_ARCHIVE_MAX_BUNDLE_MB', DEFAULT_MAX_BUNDLE_BYTES / 1024 / 1024, 1, 4096) *
      1024 *
      1024,
    pollIntervalMs: intVar(
      env,
      'LEDGER_ARCHIVE_POLL_MS',
      DEFAULT_ARCHIVE_POLL_INTERVAL_MS,
      10,
      600_000,
    ),
  };
  return Object.freeze(config);
}

/** The retention policy of a configuration. */
export function retentionPolicyOf(config: ArchiveConfig): RetentionPolicy {
  return createRetentionPolicy({ period: config.retention, floor: config.retentionFloor });
}
