/**
 * What the S3 server itself enforces on objects the S3 target locked, asked
 * straight through the SDK against the local Ceph radosgw: the lock is the
 * server's, not ours. Also the target's refusal of buckets without Object
 * Lock, and of a PUT whose Content-MD5 does not match.
 */
import { randomBytes } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectRetentionCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
} from '@aws-sdk/client-s3';
import t from 'tap';
import type { Test } from 'tap';
import { ensureArchived, sha256Hex } from '../../ledger/archive/archive-target.js';
import {
  buildPutObjectInput,
  createS3ArchiveTarget,
  ensureLockedBucket,
} from '../../ledger/archive/s3-archive-target.js';
import type { S3ArchiveTarget } from '../../ledger/archive/s3-archive-target.js';
import { isLedgerError } from '../../ledger/errors.js';
import {
  createLockedTestBucket,
  createPlainTestBucket,
  rawS3Client,
  requireRgw,
  rgwTargetOptions,
  uniqueBucketName,
} from '../support/rgw.js';
import type { RgwEnv } from '../support/rgw.js';

const DAY = 86_400_000;

// each test awaits requireRgw(): without radosgw every test fails with its message
let rgw: RgwEnv;
t.beforeEach(async () => {
  rgw = await requireRgw();
});

function target(t: Test, bucket: string): S3ArchiveTarget {
  const target = createS3ArchiveTarget(rgwTargetOptions(rgw, bucket));
  t.teardown(() => target.close());
  return target;
}

function client(t: Test) {
  const c = rawS3Client(rgw);
  t.teardown(() => c.destroy());
  return c;
}

/** The HTTP status and error name the server answered `p` with (fails the test if it succeeds). */
async function refusal(t: Test, p: Promise<unknown>): Promise<{ status?: number; name: string }> {
  try {
    await p;
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = e instanceof Error ? e.name : String(e);
    return status === undefined ? { name } : { status, name };
  }
  t.fail('the server accepted it');
  return { name: 'accepted' };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isLedgerError(e) ? e.code : `not a LedgerError: ${String(e)}`;
  }
  return undefined;
}

/** A fresh Object Lock bucket holding one locked version of `key`. */
async function lockedObject(t: Test, key = 'bundles/000001.bundle') {
  const bucket = await createLockedTestBucket(rgw, 'lock');
  const archive = target(t, bucket);
  const body = randomBytes(2048);
  const put = await archive.putLocked(key, body, {
    retainUntil: new Date(Date.now() + DAY),
    sha256: sha256Hex(body),
  });
  if (put.versionId === null) throw new Error('S3 puts have version ids');
  return { bucket, archive, body, key, put, versionId: put.versionId };
}

void t.test('deleting a locked version is refused by the server (403)', async (t) => {
  const { bucket, archive, body, key, versionId } = await lockedObject(t);
  const s3 = client(t);
  const r = await refusal(
    t,
    s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId })),
  );
  t.equal(r.status, 403);
  t.equal(r.name, 'AccessDenied');
  const bypass = await refusal(
    t,
    s3.send(
      new DeleteObjectCommand({
        Bucket: bucket,
        Key: key,
        VersionId: versionId,
        BypassGovernanceRetention: true,
      }),
    ),
  );
  t.equal(bypass.status, 403, 'the governance bypass does not open COMPLIANCE');
  t.same(Buffer.from(await archive.get(key, versionId)), body, 'the version is still there');
});

void t.test(
  'a delete without version id only hides the key; the locked version stays',
  async (t) => {
    const { bucket, archive, body, key, versionId, put } = await lockedObject(t);
    const s3 = client(t);
    const del = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    t.equal(del.DeleteMarker, true, 'a delete marker');
    t.equal(await archive.head(key), null, 'the key reads as absent');
    const old = await archive.head(key, versionId);
    t.equal(old?.lockMode, 'COMPLIANCE');
    t.equal(old?.retainUntil?.getTime(), put.retainUntil.getTime());
    t.same(Buffer.from(await archive.get(key, versionId)), body);

    const versions = [];
    for await (const v of archive.listVersions('bundles/')) versions.push(v);
    t.same(
      versions.map((v) => [v.versionId, v.deleteMarker, v.isLatest]),
      [
        [del.VersionId, true, true],
        [versionId, false, false],
      ],
      'listVersions shows the marker first, then the locked version',
    );

    // the archiver's retry after such a delete uploads the bundle again as a new version
    const again = await ensureArchived(archive, key, body, {
      retainUntil: new Date(Date.now() + DAY),
      sha256: sha256Hex(body),
    });
    t.equal(again.alreadyPresent, false);
    t.not(again.versionId, versionId);
  },
);

void t.test('shortening a COMPLIANCE retention is refused by the server (403)', async (t) => {
  const { bucket, archive, key, versionId, put } = await lockedObject(t);
  const s3 = client(t);
  const r = await refusal(
    t,
    s3.send(
      new PutObjectRetentionCommand({
        Bucket: bucket,
        Key: key,
        VersionId: versionId,
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + DAY / 2) },
      }),
    ),
  );
  t.equal(r.status, 403);
  t.equal(
    await codeOf(archive.extendRetention(key, versionId, new Date(Date.now() + DAY / 2))),
    'LDG_ERR_ARCHIVE',
    'through the target too',
  );
  const kept = await s3.send(
    new GetObjectRetentionCommand({ Bucket: bucket, Key: key, VersionId: versionId }),
  );
  t.equal(kept.Retention?.Mode, 'COMPLIANCE');
  t.equal(
    kept.Retention?.RetainUntilDate?.getTime(),
    put.retainUntil.getTime(),
    'retention unchanged',
  );
});

void t.test(
  'switching a COMPLIANCE lock to GOVERNANCE is refused by the server (403)',
  async (t) => {
    const { bucket, archive, key, versionId, put } = await lockedObject(t);
    const s3 = client(t);
    const r = await refusal(
      t,
      s3.send(
        new PutObjectRetentionCommand({
          Bucket: bucket,
          Key: key,
          VersionId: versionId,
          Retention: {
            Mode: 'GOVERNANCE',
            RetainUntilDate: new Date(put.retainUntil.getTime() + DAY),
          },
          BypassGovernanceRetention: true,
        }),
      ),
    );
    t.equal(r.status, 403);
    t.equal((await archive.head(key, versionId))?.lockMode, 'COMPLIANCE');
  },
);

void t.test('a PUT over the same key adds a version; the original keeps its lock', async (t) => {
  const { bucket, archive, body, key, versionId, put } = await lockedObject(t);
  const s3 = client(t);
  // a plain PUT (no lock headers), as a careless tool would do
  const over = await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('overwrite attempt') }),
  );
  t.type(over.VersionId, 'string');
  t.not(over.VersionId, versionId, 'a new version');
  t.same(
    Buffer.from(await archive.get(key)),
    Buffer.from('overwrite attempt'),
    'the key now reads the new version',
  );

  const original = await archive.head(key, versionId);
  t.equal(original?.lockMode, 'COMPLIANCE', 'the original is still locked');
  t.equal(original?.retainUntil?.getTime(), put.retainUntil.getTime());
  t.equal(original?.sha256, sha256Hex(body));
  t.same(Buffer.from(await archive.get(key, versionId)), body, 'and readable by version id');
  const del = await refusal(
    t,
    s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId })),
  );
  t.equal(del.status, 403, 'and still cannot be deleted');

  t.equal(
    await codeOf(
      ensureArchived(archive, key, body, { retainUntil: put.retainUntil, sha256: sha256Hex(body) }),
    ),
    'LDG_ERR_ARCHIVE_CONFLICT',
    'the archiver refuses to stack its bundle over foreign bytes',
  );
});

void t.test('checkReady refuses buckets that cannot hold WORM objects', async (t) => {
  const plain = await createPlainTestBucket(rgw, 'plain');
  const plainTarget = target(t, plain);
  const e1 = await plainTarget.checkReady().catch((e: unknown) => e);
  t.ok(isLedgerError(e1) && e1.code === 'LDG_ERR_ARCHIVE_NOT_READY', 'a plain bucket is refused');
  if (isLedgerError(e1)) {
    t.match(e1.message, plain, 'the message names the bucket');
    t.match(e1.message, /versioning/, 'and says versioning is missing');
    t.match(e1.message, /Object Lock is not enabled/, 'and Object Lock');
  }

  const versioned = await createPlainTestBucket(rgw, 'versioned', { versioning: true });
  const e2 = await target(t, versioned)
    .checkReady()
    .catch((e: unknown) => e);
  t.ok(
    isLedgerError(e2) && e2.code === 'LDG_ERR_ARCHIVE_NOT_READY',
    'versioning alone is not enough',
  );
  if (isLedgerError(e2)) {
    t.notMatch(e2.message, /versioning is/, 'versioning is fine there');
    t.match(e2.message, /Object Lock is not enabled/);
  }

  const missing = uniqueBucketName('missing');
  const e3 = await target(t, missing)
    .checkReady()
    .catch((e: unknown) => e);
  t.ok(isLedgerError(e3) && e3.code === 'LDG_ERR_ARCHIVE_NOT_READY', 'a missing bucket is refused');
  if (isLedgerError(e3)) t.match(e3.message, /does not exist/);

  t.equal(
    await codeOf(ensureLockedBucket(rgwTargetOptions(rgw, plain))),
    'LDG_ERR_ARCHIVE_NOT_READY',
    'ensureLockedBucket does not accept an existing bucket without Object Lock',
  );

  const body = Buffer.from('x');
  t.equal(
    await codeOf(
      plainTarget.putLocked('k', body, {
        retainUntil: new Date(Date.now() + DAY),
        sha256: sha256Hex(body),
      }),
    ),
    'LDG_ERR_ARCHIVE',
    'a locked PUT into a bucket without Object Lock fails (400 from the server)',
  );
});

void t.test('ensureLockedBucket is idempotent and checkReady then passes', async (t) => {
  const bucket = uniqueBucketName('ensure');
  const first = await ensureLockedBucket(rgwTargetOptions(rgw, bucket));
  t.same(first, { location: `s3://${bucket}`, worm: true, warnings: [] });
  t.same(
    await ensureLockedBucket(rgwTargetOptions(rgw, bucket)),
    first,
    'again on the same bucket',
  );
});

void t.test(
  'the server checks Content-MD5: a PUT built with a wrong one is refused (400 BadDigest)',
  async (t) => {
    const bucket = await createLockedTestBucket(rgw, 'md5');
    const s3 = client(t);
    const body = Buffer.from('the bytes the digest is about');
    const input = buildPutObjectInput(bucket, 'md5/1', body, {
      retainUntil: new Date(Date.now() + DAY),
      sha256: sha256Hex(body),
    });
    const r = await refusal(
      t,
      s3.send(new PutObjectCommand({ ...input, Body: Buffer.from(body).reverse() })), // same length
    );
    t.equal(r.status, 400);
    t.equal(r.name, 'BadDigest');
    const ok = await s3.send(new PutObjectCommand(input));
    t.type(ok.VersionId, 'string', 'the unaltered input is accepted');
  },
);

void t.test(
  'an unreachable endpoint is LDG_ERR_ARCHIVE_NOT_READY for checkReady, LDG_ERR_ARCHIVE for a PUT',
  async (t) => {
    const down = createS3ArchiveTarget({
      ...rgwTargetOptions(rgw, 'any-bucket'),
      endpoint: 'http://127.0.0.1:1',
      connectionTimeoutMs: 1000,
    });
    t.teardown(() => down.close());
    t.equal(await codeOf(down.checkReady()), 'LDG_ERR_ARCHIVE_NOT_READY');
    const body = Buffer.from('x');
    const e = await down
      .putLocked('k', body, { retainUntil: new Date(Date.now() + DAY), sha256: sha256Hex(body) })
      .catch((e: unknown) => e);
    t.ok(isLedgerError(e) && e.code === 'LDG_ERR_ARCHIVE');
    if (isLedgerError(e))
      t.match(e.message, /ECONNREFUSED/, 'the cause is named, not "UnknownError"');
  },
);
