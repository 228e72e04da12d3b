/**
 * The ArchiveTarget port: where sealed bundles go for write-once retention.
 *
 * Two adapters implement it: `s3-archive-target.ts` (S3 with Object Lock in
 * COMPLIANCE mode: real WORM storage) and `directory-archive-target.ts` (a
 * local directory: the embedded default, plainly not WORM). Both are run
 * through one contract suite (`test/contract/archive-target.ts`).
 *
 * The port is deliberately small and low-level: `putLocked` is exactly one
 * upload. The idempotent "archive this bundle" step that an archiver retries
 * after a crash is `ensureArchived` below, written once over the port: it
 * recognises an already-present identical object (same SHA-256, kept as object
 * metadata) and does not upload it again.
 */

import { createHash } from 'node:crypto';
import { LedgerError, ValidationError } from '../errors.js';
import type { FieldIssue } from '../errors.js';

/**
 * The lock an object carries. `COMPLIANCE`: nobody can delete or overwrite the
 * version, or shorten its retention, before `retainUntil` (S3 Object Lock).
 * `GOVERNANCE`: the same, but yields to a bypass permission (never written by
 * the ledger; reported when found). `NONE`: no lock (the directory target).
 */
export type LockMode = 'COMPLIANCE' | 'GOVERNANCE' | 'NONE';

/** What `checkReady` found: a target that is not usable throws instead. */
export interface ArchiveReadiness {
  /** Where the objects go, e.g. `s3://bucket` or `file:///var/lib/audit-ledger/archive`. */
  readonly location: string;
  /** True only when the storage itself refuses deletion and overwrite (Object Lock). */
  readonly worm: boolean;
  /** Things an operator should know, e.g. "not WORM storage". Empty when none. */
  readonly warnings: readonly string[];
}

/** Options of one locked upload. */
export interface PutLockedOptions {
  /**
   * The lock's end. Must be in the future. Adapters round it up to a whole
   * second (so the lock is never shorter than asked) and report the value used.
   */
  readonly retainUntil: Date;
  /** Lower-case hex SHA-256 of the bytes; checked against them before upload. */
  readonly sha256: string;
}

/** The stored version a `putLocked` created. */
export interface PutLockedResult {
  readonly key: string;
  /** The S3 version id; `null` for a target without versions (the directory). */
  readonly versionId: string | null;
  /** The ETag without quotes (the MD5 hex of the bytes for a single PUT). */
  readonly etag: string;
  /** The lock's end as the storage reports it after the upload. */
  readonly retainUntil: Date;
  readonly lockMode: LockMode;
  readonly sha256: string;
  readonly size: number;
}

/** One stored version, as `head` reports it. */
export interface ArchiveObjectInfo {
  readonly key: string;
  readonly versionId: string | null;
  readonly size: number;
  readonly lockMode: LockMode;
  /** `null` when the version has no retention. */
  readonly retainUntil: Date | null;
  /** Lower-case hex SHA-256 from the object's metadata, when it has it. */
  readonly sha256?: string;
  readonly etag?: string;
  readonly lastModified?: Date;
}

/** A version's description and bytes, as `read` returns them. */
export interface ArchiveObjectRead {
  readonly info: ArchiveObjectInfo;
  readonly bytes: Uint8Array;
}

/** One entry of `listVersions`: a version or a delete marker. */
export interface ArchiveVersionInfo {
  readonly key: string;
  readonly versionId: string | null;
  /** True for the version a read without version id returns (or hides, for a delete marker). */
  readonly isLatest: boolean;
  /** A delete marker (S3): the key reads as absent, older versions stay readable by id. */
  readonly deleteMarker: boolean;
  /** Bytes; 0 for a delete marker. */
  readonly size: number;
  readonly lastModified?: Date;
  readonly etag?: string;
}

/** Options of `list` and `listVersions`. */
export interface ArchiveListOptions {
  /** Only keys after this one (exclusive), to resume a walk. */
  readonly startAfter?: string;
}

/**
 * A write-once object store for sealed bundles. Keys are `/`-separated paths
 * (see `assertArchiveKey`). Every method throws `LedgerError`: storage and
 * network failures as `LDG_ERR_ARCHIVE`, bad arguments as `LDG_ERR_VALIDATION`.
 */
export interface ArchiveTarget {
  /** `s3` or `directory`. */
  readonly kind: 's3' | 'directory';
  /** Where the objects go, e.g. `s3://bucket`; for evidence references and logs. */
  readonly location: string;
  /** True when the storage enforces the lock itself (S3 Object Lock). */
  readonly worm: boolean;
  /**
   * True when an upload to an existing key adds a version (S3); false when the
   * target keeps one object per key and refuses a second upload (directory).
   */
  readonly versioned: boolean;
  /** The lock mode `putLocked` applies: `COMPLIANCE` for S3, `NONE` for a directory. */
  readonly lockMode: LockMode;

  /**
   * Checks the target can take locked objects: for S3 the bucket exists, its
   * versioning is Enabled and Object Lock is enabled; for a directory it exists
   * and is writable. Throws `LDG_ERR_ARCHIVE_NOT_READY` naming what is missing.
   */
  checkReady(): Promise<ArchiveReadiness>;

  /**
   * Uploads `bytes` under `key` in one request with the target's lock until
   * `retainUntil`, then reads the lock back and throws `LDG_ERR_ARCHIVE` unless
   * it is the target's mode with a date >= the one asked for. Does not look
   * for an existing object first (see `ensureArchived`): on S3 a second upload
   * adds a version; the directory target refuses it (`LDG_ERR_ARCHIVE_CONFLICT`).
   */
  putLocked(key: string, bytes: Uint8Array, options: PutLockedOptions): Promise<PutLockedResult>;

  /**
   * The version `versionId` of `key`, or the latest one without it; `null` when
   * absent (including a delete marker, or a version id the target does not hold).
   */
  head(key: string, versionId?: string | null): Promise<ArchiveObjectInfo | null>;

  /** The bytes of a version (the latest without `versionId`); `LDG_ERR_NOT_FOUND` when absent. */
  get(key: string, versionId?: string | null): Promise<Uint8Array>;

  /**
   * The bytes of a version together with what `head` reports of that very
   * version, in one request where the target allows it (S3: one GetObject,
   * whose headers carry the lock and the metadata). `LDG_ERR_NOT_FOUND` when
   * absent. For readers of many objects (verify-archive).
   */
  read(key: string, versionId?: string | null): Promise<ArchiveObjectRead>;

  /** Keys starting with `prefix` that currently read as present, in ascending (byte) order. */
  list(prefix: string, options?: ArchiveListOptions): AsyncIterable<string>;

  /**
   * Every version and delete marker of keys starting with `prefix`, ordered by
   * key, newest version first within a key. A directory yields one per key.
   */
  listVersions(prefix: string, options?: ArchiveListOptions): AsyncIterable<ArchiveVersionInfo>;

  /**
   * Sets a version's lock to end at `retainUntil` (rounded up to a whole
   * second). Extending is always allowed; shortening is refused
   * (`LDG_ERR_ARCHIVE`: by the server for S3, by the adapter for a directory).
   * Returns the version as read back.
   */
  extendRetention(
    key: string,
    versionId: string | null,
    retainUntil: Date,
  ): Promise<ArchiveObjectInfo>;

  /** Releases connections. The target must not be used afterwards. */
  close(): void;
}

/** What `ensureArchived` did. */
export interface EnsureArchivedResult extends PutLockedResult {
  /** True when an identical object was already there and nothing was uploaded. */
  readonly alreadyPresent: boolean;
  /** True when the present object's lock was extended to the requested date. */
  readonly retentionExtended: boolean;
}

/** Longest key, in UTF-8 bytes (the S3 limit). */
export const MAX_ARCHIVE_KEY_BYTES = 1024;

/** Suffix of the directory target's metadata sidecars: reserved, no key may end with it. */
export const SIDECAR_SUFFIX = '.meta.json';

// characters S3 documents as safe in keys, minus none; '/' separates segments
const KEY_SEGMENT = /^[A-Za-z0-9!_.*'()-]+$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The issues with `key` as an archive key (empty when valid). */
export function archiveKeyIssues(key: string, path = 'key'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (key.length === 0) return [{ path, message: 'must not be empty' }];
  if (Buffer.byteLength(key, 'utf8') > MAX_ARCHIVE_KEY_BYTES) {
    issues.push({ path, message: `must be at most ${MAX_ARCHIVE_KEY_BYTES} bytes` });
  }
  if (key.endsWith(SIDECAR_SUFFIX)) {
    issues.push({ path, message: `must not end with ${SIDECAR_SUFFIX} (reserved for metadata)` });
  }
  for (const segment of key.split('/')) {
    if (segment.length === 0) {
      issues.push({ path, message: 'must not start or end with "/" or contain "//"' });
    } else if (segment.startsWith('.')) {
      // also rules out '.' and '..', and hides nothing in the directory target
      issues.push({ path, message: `segment "${segment}" must not start with "."` });
    } else if (!KEY_SEGMENT.test(segment)) {
      issues.push({
        path,
        message: `segment "${segment}" may only hold A-Z a-z 0-9 ! _ . * ' ( ) -`,
      });
    }
  }
  return issues;
}

/**
 * Asserts `key` is a valid archive key: 1..1024 UTF-8 bytes, `/`-separated
 * non-empty segments of S3's safe characters, no segment starting with `.`,
 * not ending with the sidecar suffix. The same key is then a valid S3 key and
 * a valid relative path on every file system. Throws `LDG_ERR_VALIDATION`.
 */
export function assertArchiveKey(key: string): void {
  const issues = archiveKeyIssues(key);
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * Asserts `prefix` is usable for `list`: empty, or the start of a valid key
 * (so it cannot climb out of a directory target). Throws `LDG_ERR_VALIDATION`.
 */
export function assertArchivePrefix(prefix: string): void {
  if (prefix === '') return;
  // a prefix ending in '/' is a valid key once a segment follows it
  const issues = archiveKeyIssues(prefix.endsWith('/') ? `${prefix}x` : prefix, 'prefix');
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Lower-case hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// digests that producers vouch for, per bytes object (see vouchSha256)
const vouched = new WeakMap<Uint8Array, string>();

/**
 * Records that `sha256` is the digest of `bytes`, computed by the caller as it
 * produced them, so that `validatePutLocked` (run by `ensureArchived` and then
 * again by `putLocked`) need not hash the same large object twice more. Only
 * for bytes nobody changes afterwards (a sealed bundle); the entry is tied to
 * the object and dropped with it.
 */
export function vouchSha256(bytes: Uint8Array, sha256: string): void {
  vouched.set(bytes, sha256);
}

// base64 MD5s producers vouch for, per bytes object (see vouchMd5)
const vouchedMd5 = new WeakMap<Uint8Array, string>();

/**
 * Like `vouchSha256`, for the base64 MD5 an S3 upload sends as Content-MD5
 * (computed by the sealer beside the SHA-256, instead of after it).
 */
export function vouchMd5(bytes: Uint8Array, md5Base64: string): void {
  vouchedMd5.set(bytes, md5Base64);
}

/** The base64 MD5 vouched for this very object, if any. */
export function vouchedMd5Of(bytes: Uint8Array): string | undefined {
  return vouchedMd5.get(bytes);
}

/** `sha256Hex(bytes)`, or the digest vouched for this very object. */
function digestOf(bytes: Uint8Array): string {
  return vouched.get(bytes) ?? sha256Hex(bytes);
}

/** True when `s` is a lower-case hex SHA-256. */
export function isSha256Hex(s: string): boolean {
  return SHA256_HEX.test(s);
}

/** `date` rounded up to a whole second (S3 reports retention dates in seconds on some servers). */
export function ceilToSecond(date: Date): Date {
  return new Date(Math.ceil(date.getTime() / 1000) * 1000);
}

/**
 * Checks the arguments every adapter's `putLocked` takes, all at once: a valid
 * key, `sha256` a hex SHA-256 that matches `bytes`, `retainUntil` a valid date
 * after `now`. Throws `ValidationError` listing every bad field. Returns the
 * retain-until date rounded up to a whole second.
 */
export function validatePutLocked(
  key: string,
  bytes: Uint8Array,
  options: PutLockedOptions,
  now: Date = new Date(),
): Date {
  const issues = archiveKeyIssues(key);
  if (!isSha256Hex(options.sha256)) {
    issues.push({ path: 'sha256', message: 'must be 64 lower-case hex digits' });
  } else if (digestOf(bytes) !== options.sha256) {
    issues.push({ path: 'sha256', message: 'does not match the bytes' });
  }
  issues.push(...retainUntilIssues(options.retainUntil, now));
  if (issues.length > 0) throw new ValidationError(issues);
  return ceilToSecond(options.retainUntil);
}

/**
 * Asserts `retainUntil` is a valid date after `now` (S3 refuses a lock in the
 * past) and returns it rounded up to a whole second. Throws `LDG_ERR_VALIDATION`.
 */
export function validateRetainUntil(retainUntil: Date, now: Date = new Date()): Date {
  const issues = retainUntilIssues(retainUntil, now);
  if (issues.length > 0) throw new ValidationError(issues);
  return ceilToSecond(retainUntil);
}

function retainUntilIssues(retainUntil: Date, now: Date): FieldIssue[] {
  const until = retainUntil.getTime();
  if (Number.isNaN(until)) return [{ path: 'retainUntil', message: 'must be a valid date' }];
  if (until <= now.getTime()) return [{ path: 'retainUntil', message: 'must be in the future' }];
  return [];
}

/**
 * Archives `bytes` under `key` exactly once, safe to retry after a crash:
 *
 * - nothing readable under `key`: one `putLocked`;
 * - the latest version holds the same bytes (SHA-256 from its metadata, or
 *   recomputed from its content when it has none): nothing is uploaded; if its
 *   lock is missing or ends before `retainUntil`, the lock is extended;
 * - the latest version holds other bytes: `LDG_ERR_ARCHIVE_CONFLICT`, nothing
 *   is written (bundle bytes are a pure function of their range, so a
 *   different object under the same key needs a human).
 *
 * A key hidden by an S3 delete marker reads as absent: the bundle is uploaded
 * again as a new version (the locked original stays readable by version id).
 */
export async function ensureArchived(
  target: ArchiveTarget,
  key: string,
  bytes: Uint8Array,
  options: PutLockedOptions,
): Promise<EnsureArchivedResult> {
  const retainUntil = validatePutLocked(key, bytes, options);
  const existing = await target.head(key);
  if (existing === null) {
    const put = await target.putLocked(key, bytes, options);
    return { ...put, alreadyPresent: false, retentionExtended: false };
  }

  const existingSha256 =
    existing.sha256 ?? sha256Hex(await target.get(key, existing.versionId ?? undefined));
  if (existingSha256 !== options.sha256 || existing.size !== bytes.length) {
    throw new LedgerError(
      'LDG_ERR_ARCHIVE_CONFLICT',
      `${target.location}/${key}${existing.versionId === null ? '' : ` (version ${existing.versionId})`} ` +
        `already holds other bytes (sha256 ${existingSha256}, ${existing.size} bytes; ` +
        `wanted ${options.sha256}, ${bytes.length} bytes): not overwriting`,
    );
  }

  let current = existing;
  let retentionExtended = false;
  if (
    current.lockMode !== target.lockMode ||
    current.retainUntil === null ||
    current.retainUntil.getTime() < retainUntil.getTime()
  ) {
    current = await target.extendRetention(key, current.versionId, retainUntil);
    retentionExtended = true;
  }
  if (current.retainUntil === null) {
    // extendRetention confirms the lock; a null here is a broken adapter
    throw new LedgerError(
      'LDG_ERR_ARCHIVE',
      `${target.location}/${key}: no retention after extending`,
    );
  }
  return {
    key,
    versionId: current.versionId,
    etag: current.etag ?? '',
    retainUntil: current.retainUntil,
    lockMode: current.lockMode,
    sha256: existingSha256,
    size: current.size,
    alreadyPresent: true,
    retentionExtended,
  };
}

/**
 * Reads a version and checks its bytes against the SHA-256 in its metadata
 * (and against `expectedSha256` when given, e.g. from a bundle manifest).
 * Throws `LDG_ERR_NOT_FOUND` when absent, `LDG_ERR_TAMPERED` on a mismatch or
 * when there is nothing to check against. For a verify walker.
 */
export async function getVerified(
  target: ArchiveTarget,
  key: string,
  versionId?: string | null,
  expectedSha256?: string,
): Promise<{ readonly info: ArchiveObjectInfo; readonly bytes: Uint8Array }> {
  const info = await target.head(key, versionId);
  if (info === null) {
    throw new LedgerError(
      'LDG_ERR_NOT_FOUND',
      `${target.location}/${key}${versionSuffix(versionId)} not found`,
    );
  }
  // read the very version head described, even if a newer one appears meanwhile
  const bytes = await target.get(key, info.versionId ?? undefined);
  const actual = sha256Hex(bytes);
  const where = `${target.location}/${key}${versionSuffix(info.versionId)}`;
  if (info.sha256 === undefined && expectedSha256 === undefined) {
    throw new LedgerError('LDG_ERR_TAMPERED', `${where} has no sha256 metadata to check against`);
  }
  if (info.sha256 !== undefined && info.sha256 !== actual) {
    throw new LedgerError(
      'LDG_ERR_TAMPERED',
      `${where}: content sha256 ${actual} != metadata ${info.sha256}`,
    );
  }
  if (expectedSha256 !== undefined && expectedSha256 !== actual) {
    throw new LedgerError(
      'LDG_ERR_TAMPERED',
      `${where}: content sha256 ${actual} != expected ${expectedSha256}`,
    );
  }
  if (info.size !== bytes.length) {
    throw new LedgerError(
      'LDG_ERR_TAMPERED',
      `${where}: ${bytes.length} bytes read, ${info.size} stored`,
    );
  }
  return { info, bytes };
}

function versionSuffix(versionId: string | null | undefined): string {
  return versionId === null || versionId === undefined ? '' : ` (version ${versionId})`;
}
