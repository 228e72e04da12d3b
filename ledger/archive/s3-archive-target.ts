/**
 * The S3 ArchiveTarget: objects locked with S3 Object Lock in COMPLIANCE mode,
 * the archive's WORM storage. The only module that imports @aws-sdk/*; every
 * SDK error is translated here into a `LedgerError`.
 *
 * Choices that keep it correct on both AWS S3 and Ceph RGW 16.2
 * (shared/reference/ceph-rgw/README.md):
 *
 * - one PUT with a Buffer body, never a multipart upload (RGW silently drops
 *   the lock headers of a multipart upload) and never a stream (RGW answers
 *   the SDK's aws-chunked trailer with 411);
 * - `requestChecksumCalculation: 'WHEN_REQUIRED'` and our own `Content-MD5`
 *   on every locked PUT: AWS refuses a locked PUT without Content-MD5 or an
 *   x-amz-checksum header, and RGW checks Content-MD5 (it ignores
 *   x-amz-checksum-sha256);
 * - the SHA-256 kept as user metadata `x-amz-meta-sha256` (hex), which both
 *   return on HEAD: how an identical object is recognised without reading it.
 *   `ChecksumSHA256` is sent too, so AWS verifies the bytes on arrival;
 * - after the PUT, a HEAD of the new version confirms mode COMPLIANCE and a
 *   retain-until date >= the one asked for;
 * - RGW error bodies often carry no Message (the SDK then says
 *   "UnknownError"): errors are described by name and HTTP status.
 */

import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type {
  BucketLocationConstraint,
  GetObjectCommandOutput,
  HeadObjectCommandOutput,
  PutObjectCommandInput,
  S3ClientConfig,
} from '@aws-sdk/client-s3';
import { LedgerError, isLedgerError } from '../errors.js';
import {
  assertArchiveKey,
  assertArchivePrefix,
  ceilToSecond,
  isSha256Hex,
  validatePutLocked,
  validateRetainUntil,
  vouchedMd5Of,
} from './archive-target.js';
import type {
  ArchiveListOptions,
  ArchiveObjectInfo,
  ArchiveObjectRead,
  ArchiveReadiness,
  ArchiveTarget,
  ArchiveVersionInfo,
  LockMode,
  PutLockedOptions,
  PutLockedResult,
} from './archive-target.js';

/** Static S3 credentials. */
export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Options of `createS3ArchiveTarget`: one bucket on one endpoint. */
export interface S3ArchiveTargetOptions {
  readonly bucket: string;
  readonly region: string;
  /** e.g. `http://127.0.0.1:7480` for a local radosgw; omitted for AWS. */
  readonly endpoint?: string;
  /**
   * Omitted: the SDK's default provider chain (which reads the environment
   * and instance metadata). Services pass them explicitly from their config.
   */
  readonly credentials?: S3Credentials;
  /** Path-style URLs (`endpoint/bucket/key`); needed for radosgw on an IP. */
  readonly forcePathStyle?: boolean;
  /** Attempts per request, retries included (default DEFAULT_S3_MAX_ATTEMPTS). */
  readonly maxAttempts?: number;
  /** TCP connect timeout (default DEFAULT_S3_CONNECTION_TIMEOUT_MS). */
  readonly connectionTimeoutMs?: number;
  /** Socket inactivity timeout per request (default DEFAULT_S3_REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs?: number;
}

/** An ArchiveTarget on one S3 bucket. */
export interface S3ArchiveTarget extends ArchiveTarget {
  readonly kind: 's3';
  readonly bucket: string;
}

/** Attempts per S3 request, the first included (the SDK retries throttling and 5xx). */
export const DEFAULT_S3_MAX_ATTEMPTS = 3;
/** TCP connect timeout of the S3 client. */
export const DEFAULT_S3_CONNECTION_TIMEOUT_MS = 5_000;
/** Socket inactivity timeout of one S3 request. */
export const DEFAULT_S3_REQUEST_TIMEOUT_MS = 60_000;

/** The user-metadata name (`x-amz-meta-sha256`) holding the hex SHA-256 of an object. */
export const SHA256_METADATA = 'sha256';

/** The SigV4 header carrying the hex SHA-256 of the payload it signs. */
const PAYLOAD_SHA256_HEADER = 'x-amz-content-sha256';

/** The lock mode every upload of this target carries. */
export const S3_LOCK_MODE = 'COMPLIANCE' as const;

/**
 * The PutObject input of one locked upload, as a pure function of its
 * arguments: a Buffer body (no copy) with its length, `ContentMD5` (base64 MD5
 * of the body, computed here unless its sealer vouched for it), `ChecksumSHA256` and `x-amz-meta-sha256` from
 * `options.sha256`, `ObjectLockMode: 'COMPLIANCE'` and the retain-until date
 * rounded up to a whole second. Precondition: the arguments passed
 * `validatePutLocked` (a valid key, a hex sha256 of these bytes, a future date).
 */
export function buildPutObjectInput(
  bucket: string,
  key: string,
  bytes: Uint8Array,
  options: PutLockedOptions,
): PutObjectCommandInput & { ContentMD5: string; ObjectLockRetainUntilDate: Date } {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    Bucket: bucket,
    Key: key,
    Body: body,
    ContentLength: body.byteLength,
    ContentType: 'application/octet-stream',
    ContentMD5: vouchedMd5Of(bytes) ?? createHash('md5').update(body).digest('base64'),
    ChecksumSHA256: Buffer.from(options.sha256, 'hex').toString('base64'),
    Metadata: { [SHA256_METADATA]: options.sha256 },
    ObjectLockMode: S3_LOCK_MODE,
    ObjectLockRetainUntilDate: ceilToSecond(options.retainUntil),
  };
}

/** Creates the target. No request is made until a method is called (see `checkReady`). */
export function createS3ArchiveTarget(options: S3ArchiveTargetOptions): S3ArchiveTarget {
  return new S3Target(options);
}

/**
 * Creates `options.bucket` with Object Lock enabled (which turns versioning on
 * for good) if it does not exist yet, then runs `checkReady`: an existing
 * bucket without Object Lock is refused with `LDG_ERR_ARCHIVE_NOT_READY`.
 * For tests and development; production buckets are provisioned by operators.
 */
export async function ensureLockedBucket(
  options: S3ArchiveTargetOptions,
): Promise<ArchiveReadiness> {
  const target = new S3Target(options);
  try {
    await target.createLockedBucket();
    return await target.checkReady();
  } finally {
    target.close();
  }
}

class S3Target implements S3ArchiveTarget {
  readonly kind = 's3' as const;
  readonly worm = true;
  readonly versioned = true;
  readonly lockMode = S3_LOCK_MODE;
  readonly bucket: string;
  readonly location: string;
  readonly #region: string;
  readonly #endpoint: string;
  readonly #client: S3Client;

  constructor(options: S3ArchiveTargetOptions) {
    this.bucket = options.bucket;
    this.location = `s3://${options.bucket}`;
    this.#region = options.region;
    this.#endpoint = options.endpoint ?? `the ${options.region} endpoint`;
    const config: S3ClientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle ?? false,
      maxAttempts: options.maxAttempts ?? DEFAULT_S3_MAX_ATTEMPTS,
      // no automatic CRC trailers: RGW refuses aws-chunked bodies; we send Content-MD5
      requestChecksumCalculation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_S3_CONNECTION_TIMEOUT_MS,
        requestTimeout: options.requestTimeoutMs ?? DEFAULT_S3_REQUEST_TIMEOUT_MS,
      },
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
    };
    this.#client = new S3Client(config);
  }

  async checkReady(): Promise<ArchiveReadiness> {
    const bucket = `S3 bucket "${this.bucket}" at ${this.#endpoint}`;
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (e) {
      const f = s3Failure(e);
      const why =
        f.status === 404
          ? 'does not exist'
          : f.status === 403
            ? `is not accessible with these credentials (${f.detail})`
            : `cannot be reached (${f.detail})`;
      throw new LedgerError('LDG_ERR_ARCHIVE_NOT_READY', `${bucket} ${why}`, { cause: e });
    }

    const missing: string[] = [];
    try {
      const v = await this.#client.send(new GetBucketVersioningCommand({ Bucket: this.bucket }));
      if (v.Status !== 'Enabled') {
        missing.push(`versioning is ${v.Status ?? 'not enabled'} (must be Enabled)`);
      }
    } catch (e) {
      throw new LedgerError(
        'LDG_ERR_ARCHIVE_NOT_READY',
        `${bucket}: cannot read its versioning (${s3Failure(e).detail})`,
        { cause: e },
      );
    }
    try {
      const lock = await this.#client.send(
        new GetObjectLockConfigurationCommand({ Bucket: this.bucket }),
      );
      if (lock.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled') {
        missing.push('Object Lock is not enabled');
      }
    } catch (e) {
      const f = s3Failure(e);
      if (f.name === 'ObjectLockConfigurationNotFoundError' || f.status === 404) {
        missing.push('Object Lock is not enabled');
      } else {
        throw new LedgerError(
          'LDG_ERR_ARCHIVE_NOT_READY',
          `${bucket}: cannot read its Object Lock configuration (${f.detail})`,
          { cause: e },
        );
      }
    }
    if (missing.length > 0) {
      throw new LedgerError(
        'LDG_ERR_ARCHIVE_NOT_READY',
        `${bucket} is not ready for WORM archiving: ${missing.join('; ')}. ` +
          'Use a bucket created with Object Lock enabled (ObjectLockEnabledForBucket), ' +
          'which also enables versioning for good',
      );
    }
    return { location: this.location, worm: true, warnings: [] };
  }

  async putLocked(
    key: string,
    bytes: Uint8Array,
    options: PutLockedOptions,
  ): Promise<PutLockedResult> {
    const retainUntil = validatePutLocked(key, bytes, options);
    const input = buildPutObjectInput(this.bucket, key, bytes, {
      sha256: options.sha256,
      retainUntil,
    });
    const where = `${this.location}/${key}`;
    let versionId: string | undefined;
    try {
      const command = new PutObjectCommand(input);
      // SigV4 signs the payload's SHA-256: hand it the digest we already checked
      // instead of letting the signer hash the whole body once more
      command.middlewareStack.add(
        (next) => (args) => {
          const request = args.request as { headers?: Record<string, string> } | undefined;
          if (request?.headers !== undefined) {
            request.headers[PAYLOAD_SHA256_HEADER] = options.sha256;
          }
          return next(args);
        },
        { step: 'build', name: 'auditLedgerPayloadSha256' },
      );
      const out = await this.#client.send(command);
      versionId = out.VersionId;
    } catch (e) {
      throw archiveError('PutObject', where, e);
    }
    if (versionId === undefined || versionId === 'null') {
      throw new LedgerError(
        'LDG_ERR_ARCHIVE',
        `${where}: the PUT returned no version id (is the bucket versioned?)`,
      );
    }

    // read the lock back from the very version we wrote
    const info = await this.head(key, versionId);
    const problem =
      lockProblem(info, retainUntil) ?? contentProblem(info, bytes.length, options.sha256);
    if (problem !== null || info === null || info.retainUntil === null) {
      // an unlocked version may now exist: a retry through ensureArchived locks it
      throw new LedgerError(
        'LDG_ERR_ARCHIVE',
        `${where} version ${versionId} is not stored as asked: ${problem ?? 'no retain-until date'}`,
      );
    }
    return {
      key,
      versionId,
      etag: info.etag ?? '',
      retainUntil: info.retainUntil,
      lockMode: info.lockMode,
      sha256: options.sha256,
      size: info.size,
    };
  }

  async head(key: string, versionId?: string | null): Promise<ArchiveObjectInfo | null> {
    assertArchiveKey(key);
    let out: HeadObjectCommandOutput;
    try {
      out = await this.#client.send(
        new HeadObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ChecksumMode: 'ENABLED',
          ...(typeof versionId === 'string' ? { VersionId: versionId } : {}),
        }),
      );
    } catch (e) {
      // 404: no such key or version, or a delete marker is latest; 405: a delete marker
      // by version id (AWS); 400 with a version id: one AWS cannot parse, so not held
      const f = s3Failure(e);
      if (f.status === 404 || f.status === 405) return null;
      if (f.status === 400 && typeof versionId === 'string') return null;
      throw archiveError('HeadObject', `${this.location}/${key}`, e);
    }
    return objectInfo(key, out);
  }

  async get(key: string, versionId?: string | null): Promise<Uint8Array> {
    return (await this.#getObject(key, versionId)).bytes;
  }

  async read(key: string, versionId?: string | null): Promise<ArchiveObjectRead> {
    const { out, bytes } = await this.#getObject(key, versionId);
    return { info: objectInfo(key, out), bytes };
  }

  async #getObject(
    key: string,
    versionId: string | null | undefined,
  ): Promise<{ out: GetObjectCommandOutput; bytes: Uint8Array }> {
    assertArchiveKey(key);
    const where = `${this.location}/${key}${typeof versionId === 'string' ? ` (version ${versionId})` : ''}`;
    try {
      const out = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(typeof versionId === 'string' ? { VersionId: versionId } : {}),
        }),
      );
      if (out.Body === undefined)
        throw new LedgerError('LDG_ERR_ARCHIVE', `${where}: GetObject returned no body`);
      return { out, bytes: await readBody(out.Body, out.ContentLength) };
    } catch (e) {
      if (e instanceof LedgerError) throw e;
      const f = s3Failure(e);
      if (
        f.status === 404 ||
        f.status === 405 ||
        (f.status === 400 && typeof versionId === 'string') ||
        f.name === 'NoSuchKey'
      ) {
        throw new LedgerError('LDG_ERR_NOT_FOUND', `${where} not found (${f.detail})`, {
          cause: e,
        });
      }
      throw archiveError('GetObject', where, e);
    }
  }

  async *list(prefix: string, options: ArchiveListOptions = {}): AsyncIterable<string> {
    assertArchivePrefix(prefix);
    let token: string | undefined;
    let first = true;
    do {
      let out;
      try {
        out = await this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(token === undefined ? {} : { ContinuationToken: token }),
            ...(first && options.startAfter !== undefined
              ? { StartAfter: options.startAfter }
              : {}),
          }),
        );
      } catch (e) {
        throw archiveError('ListObjectsV2', `${this.location}/${prefix}`, e);
      }
      first = false;
      for (const o of out.Contents ?? []) if (o.Key !== undefined) yield o.Key;
      token = out.IsTruncated === true ? out.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async *listVersions(
    prefix: string,
    options: ArchiveListOptions = {},
  ): AsyncIterable<ArchiveVersionInfo> {
    assertArchivePrefix(prefix);
    let keyMarker = options.startAfter;
    let versionMarker: string | undefined;
    for (;;) {
      let out;
      try {
        out = await this.#client.send(
          new ListObjectVersionsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker }),
            ...(versionMarker === undefined ? {} : { VersionIdMarker: versionMarker }),
          }),
        );
      } catch (e) {
        throw archiveError('ListObjectVersions', `${this.location}/${prefix}`, e);
      }
      const page: ArchiveVersionInfo[] = [];
      for (const v of out.Versions ?? []) {
        if (v.Key === undefined) continue;
        page.push({
          key: v.Key,
          versionId: v.VersionId ?? null,
          isLatest: v.IsLatest === true,
          deleteMarker: false,
          size: v.Size ?? 0,
          ...(v.LastModified === undefined ? {} : { lastModified: v.LastModified }),
          ...(v.ETag === undefined ? {} : { etag: unquote(v.ETag) }),
        });
      }
      for (const m of out.DeleteMarkers ?? []) {
        if (m.Key === undefined) continue;
        page.push({
          key: m.Key,
          versionId: m.VersionId ?? null,
          isLatest: m.IsLatest === true,
          deleteMarker: true,
          size: 0,
          ...(m.LastModified === undefined ? {} : { lastModified: m.LastModified }),
        });
      }
      // S3 lists versions and markers apart: merge back to key order, newest first
      page.sort(
        (a, b) =>
          (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
          Number(b.isLatest) - Number(a.isLatest) ||
          (b.lastModified?.getTime() ?? 0) - (a.lastModified?.getTime() ?? 0),
      );
      yield* page;
      if (out.IsTruncated !== true) return;
      keyMarker = out.NextKeyMarker;
      versionMarker = out.NextVersionIdMarker;
      if (keyMarker === undefined) return;
    }
  }

  async extendRetention(
    key: string,
    versionId: string | null,
    retainUntil: Date,
  ): Promise<ArchiveObjectInfo> {
    assertArchiveKey(key);
    const until = validateRetainUntil(retainUntil);
    const where = `${this.location}/${key}${versionId === null ? '' : ` (version ${versionId})`}`;
    try {
      await this.#client.send(
        new PutObjectRetentionCommand({
          Bucket: this.bucket,
          Key: key,
          ...(versionId === null ? {} : { VersionId: versionId }),
          Retention: { Mode: S3_LOCK_MODE, RetainUntilDate: until },
        }),
      );
    } catch (e) {
      const f = s3Failure(e);
      if (f.status === 404 || f.status === 405) {
        throw new LedgerError('LDG_ERR_NOT_FOUND', `${where} not found (${f.detail})`, {
          cause: e,
        });
      }
      throw archiveError('PutObjectRetention', where, e);
    }
    const info = await this.head(key, versionId);
    const problem = lockProblem(info, until);
    if (problem !== null || info === null) {
      throw new LedgerError(
        'LDG_ERR_ARCHIVE',
        `${where}: after PutObjectRetention ${problem ?? 'the version cannot be read back'}`,
      );
    }
    return info;
  }

  close(): void {
    this.#client.destroy();
  }

  /** CreateBucket with Object Lock; an existing bucket of ours is fine. */
  async createLockedBucket(): Promise<void> {
    // us-east-1 takes no LocationConstraint (and radosgw knows no AWS region names)
    const location =
      this.#region === 'us-east-1'
        ? {}
        : {
            CreateBucketConfiguration: {
              LocationConstraint: this.#region as BucketLocationConstraint,
            },
          };
    try {
      await this.#client.send(
        new CreateBucketCommand({
          Bucket: this.bucket,
          ObjectLockEnabledForBucket: true,
          ...location,
        }),
      );
    } catch (e) {
      const f = s3Failure(e);
      if (f.name === 'BucketAlreadyOwnedByYou') return;
      throw new LedgerError(
        'LDG_ERR_ARCHIVE_NOT_READY',
        `cannot create S3 bucket "${this.bucket}" at ${this.#endpoint}: ${f.detail}`,
        { cause: e },
      );
    }
  }
}

/**
 * The bytes of a response body: read into one buffer of the announced length
 * (its own ArrayBuffer, which the bundle hashing can transfer to a worker)
 * instead of collecting and concatenating the chunks; a body of another
 * length than announced is returned as it came.
 */
async function readBody(
  body: NonNullable<GetObjectCommandOutput['Body']>,
  length: number | undefined,
): Promise<Uint8Array> {
  if (
    length === undefined ||
    !Number.isSafeInteger(length) ||
    length <= 0 ||
    !(Symbol.asyncIterator in body)
  ) {
    return body.transformToByteArray();
  }
  const out = Buffer.allocUnsafeSlow(length);
  let at = 0;
  // chunks past the announced length (then returned as they came)
  const extra: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    if (extra.length === 0 && at + chunk.length <= length) {
      out.set(chunk, at);
      at += chunk.length;
    } else {
      if (extra.length === 0) extra.push(out.subarray(0, at));
      extra.push(chunk);
    }
  }
  if (extra.length > 0) return Buffer.concat(extra);
  return at === length ? out : out.subarray(0, at);
}

/** What is wrong with a version's lock, against COMPLIANCE until >= `until`; null when nothing. */
function lockProblem(info: ArchiveObjectInfo | null, until: Date): string | null {
  if (info === null) return 'the version cannot be read back';
  if (info.lockMode !== S3_LOCK_MODE) return `lock mode is ${info.lockMode}, not ${S3_LOCK_MODE}`;
  if (info.retainUntil === null) return 'it has no retain-until date';
  if (info.retainUntil.getTime() < until.getTime()) {
    return `retain-until is ${info.retainUntil.toISOString()}, asked ${until.toISOString()}`;
  }
  return null;
}

/** What differs between a stored version and what was sent; null when nothing. */
function contentProblem(
  info: ArchiveObjectInfo | null,
  size: number,
  sha256: string,
): string | null {
  if (info === null) return 'the version cannot be read back';
  if (info.size !== size) return `size is ${info.size}, sent ${size}`;
  if (info.sha256 !== sha256)
    return `sha256 metadata is ${info.sha256 ?? 'missing'}, sent ${sha256}`;
  return null;
}

/** The headers HeadObject and GetObject share, which describe a version. */
type ObjectHeaders = Pick<
  HeadObjectCommandOutput,
  | 'ObjectLockMode'
  | 'ObjectLockRetainUntilDate'
  | 'Metadata'
  | 'ChecksumSHA256'
  | 'ChecksumType'
  | 'VersionId'
  | 'ContentLength'
  | 'ETag'
  | 'LastModified'
>;

function objectInfo(key: string, out: ObjectHeaders): ArchiveObjectInfo {
  const lockMode: LockMode =
    out.ObjectLockMode === 'COMPLIANCE' || out.ObjectLockMode === 'GOVERNANCE'
      ? out.ObjectLockMode
      : 'NONE';
  const sha256 = sha256FromHead(out);
  return {
    key,
    versionId: out.VersionId ?? null,
    size: out.ContentLength ?? 0,
    lockMode,
    retainUntil: out.ObjectLockRetainUntilDate ?? null,
    ...(sha256 === undefined ? {} : { sha256 }),
    ...(out.ETag === undefined ? {} : { etag: unquote(out.ETag) }),
    ...(out.LastModified === undefined ? {} : { lastModified: out.LastModified }),
  };
}

/** The object's SHA-256: our metadata, else a full-object ChecksumSHA256 (AWS). */
function sha256FromHead(out: ObjectHeaders): string | undefined {
  const meta = out.Metadata?.[SHA256_METADATA]?.toLowerCase();
  if (meta !== undefined && isSha256Hex(meta)) return meta;
  if (out.ChecksumSHA256 !== undefined && out.ChecksumType !== 'COMPOSITE') {
    const hex = Buffer.from(out.ChecksumSHA256, 'base64').toString('hex');
    if (isSha256Hex(hex)) return hex;
  }
  return undefined;
}

function unquote(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}

interface S3Failure {
  readonly name: string;
  readonly status: number | undefined;
  /** e.g. `AccessDenied (HTTP 403): forbidden by object lock`. */
  readonly detail: string;
}

/** Name, HTTP status and a readable detail of an SDK (or network) error. */
function s3Failure(e: unknown): S3Failure {
  if (!(e instanceof Error)) return { name: 'Error', status: undefined, detail: String(e) };
  const meta = (e as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  const status = typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
  const code = (e as { code?: unknown }).code; // node network errors: ECONNREFUSED...
  const name = e.name === 'Error' && typeof code === 'string' ? code : e.name;
  // RGW bodies without <Message> make the SDK say "UnknownError"
  const message = e.message === 'UnknownError' || e.message === name ? '' : e.message;
  const detail = `${name}${status === undefined ? '' : ` (HTTP ${status})`}${message === '' ? '' : `: ${message}`}`;
  return { name, status, detail };
}

function archiveError(operation: string, where: string, e: unknown): LedgerError {
  if (isLedgerError(e)) return e;
  return new LedgerError(
    'LDG_ERR_ARCHIVE',
    `S3 ${operation} ${where} failed: ${s3Failure(e).detail}`,
    { cause: e },
  );
}
