/**
 * The local Ceph radosgw the S3 tests run against (started by scripts/rgw-start,
 * which scripts/test runs first). These tests are not optional: when the
 * endpoint file is missing or the endpoint does not answer, `requireRgw`
 * throws and the test file fails with a message saying to run scripts/rgw-start.
 * Every test gets its own bucket (`createLockedTestBucket`), so tests never
 * see each other's objects. Buckets are left behind: locked objects cannot
 * be deleted, and the memstore OSD forgets everything on the next start.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { ensureLockedBucket } from '../../ledger/archive/s3-archive-target.js';
import type { S3ArchiveTargetOptions } from '../../ledger/archive/s3-archive-target.js';

/** Where scripts/rgw-start keeps its data and writes s3.env (same default). */
export const RGW_DIR = process.env.RGW_DIR ?? '/tmp/audit-ledger-rgw';

/** The endpoint and credentials from `$RGW_DIR/s3.env`. */
export interface RgwEnv {
  readonly envFile: string;
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly forcePathStyle: boolean;
}

let cached: Promise<RgwEnv> | undefined;

/**
 * Reads `$RGW_DIR/s3.env` and checks the endpoint answers. Throws (failing
 * the test file) with the command to run when it does not.
 */
export function requireRgw(): Promise<RgwEnv> {
  cached ??= loadRgw();
  return cached;
}

async function loadRgw(): Promise<RgwEnv> {
  const envFile = join(RGW_DIR, 's3.env');
  const hint =
    'run scripts/rgw-start (scripts/test does it for you); the S3 archive tests are not optional';
  let text: string;
  try {
    text = await readFile(envFile, 'utf8');
  } catch {
    throw new Error(`radosgw is not running: ${envFile} is missing: ${hint}`);
  }
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) vars.set(m[1], m[2]);
  }
  const need = (name: string): string => {
    const v = vars.get(name);
    if (v === undefined || v === '') throw new Error(`${envFile} has no ${name}: ${hint}`);
    return v;
  };
  const env: RgwEnv = {
    envFile,
    endpoint: need('S3_ENDPOINT'),
    region: vars.get('AWS_REGION') ?? 'us-east-1',
    accessKeyId: need('AWS_ACCESS_KEY_ID'),
    secretAccessKey: need('AWS_SECRET_ACCESS_KEY'),
    forcePathStyle: (vars.get('S3_FORCE_PATH_STYLE') ?? 'true') === 'true',
  };
  try {
    await fetch(env.endpoint, { signal: AbortSignal.timeout(5000) });
  } catch (e) {
    const why =
      e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new Error(
      `radosgw at ${env.endpoint} (from ${envFile}) does not answer (${why}): ${hint}`,
    );
  }
  return env;
}

/** A bucket name no other test uses: lower-case, 3..63 characters. */
export function uniqueBucketName(label = 't'): string {
  const clean = label
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 30);
  return `al-${clean}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`.replace(
    /-+/g,
    '-',
  );
}

/** Target options for `bucket` on the local radosgw. */
export function rgwTargetOptions(env: RgwEnv, bucket: string): S3ArchiveTargetOptions {
  return {
    bucket,
    region: env.region,
    endpoint: env.endpoint,
    forcePathStyle: env.forcePathStyle,
    credentials: { accessKeyId: env.accessKeyId, secretAccessKey: env.secretAccessKey },
    maxAttempts: 1, // a failure shows at once instead of after retries
  };
}

/** Creates a fresh bucket with Object Lock (through the code under test) and returns its name. */
export async function createLockedTestBucket(env: RgwEnv, label?: string): Promise<string> {
  const bucket = uniqueBucketName(label);
  await ensureLockedBucket(rgwTargetOptions(env, bucket));
  return bucket;
}

/**
 * Creates a fresh bucket WITHOUT Object Lock (optionally with versioning on),
 * straight through the SDK: the wrong kind of bucket, for refusal tests.
 */
export async function createPlainTestBucket(
  env: RgwEnv,
  label: string,
  options: { readonly versioning?: boolean } = {},
): Promise<string> {
  const bucket = uniqueBucketName(label);
  const client = rawS3Client(env);
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    if (options.versioning === true) {
      await client.send(
        new PutBucketVersioningCommand({
          Bucket: bucket,
          VersioningConfiguration: { Status: 'Enabled' },
        }),
      );
    }
  } finally {
    client.destroy();
  }
  return bucket;
}

/**
 * A plain SDK client on the local radosgw, for tests that ask the server
 * directly what it allows (delete a locked version, shorten a lock...).
 * The caller destroys it (t.teardown).
 */
export function rawS3Client(env: RgwEnv): S3Client {
  return new S3Client({
    endpoint: env.endpoint,
    region: env.region,
    forcePathStyle: env.forcePathStyle,
    credentials: { accessKeyId: env.accessKeyId, secretAccessKey: env.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
}
