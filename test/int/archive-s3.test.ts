/**
 * The archive on real S3 Object Lock (the local Ceph radosgw): what the
 * server refuses on bundles the archiver wrote, and what verify-archive
 * finds — by version id, so a later PUT over a key cannot fool it — when a
 * bundle is missing, two are swapped, or a copy is tampered with, unlocked,
 * locked too briefly or in GOVERNANCE mode. Each problem is named by code
 * and key, through the library and through the CLI command.
 */
import {
  DeleteObjectCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
} from '@aws-sdk/client-s3';
import t from 'tap';
import type { Test } from 'tap';
import { sha256Hex } from '../../ledger/archive/archive-target.js';
import { archivePrefixFor, bundleKey, checkpointKey } from '../../ledger/archive/bundle.js';
import type { SealedBundle } from '../../ledger/archive/bundle.js';
import { createS3ArchiveTarget } from '../../ledger/archive/s3-archive-target.js';
import type { S3ArchiveTarget } from '../../ledger/archive/s3-archive-target.js';
import { verifyArchive } from '../../ledger/archive/verify-archive.js';
import { isLedgerError } from '../../ledger/errors.js';
import { loadArchiveConfig } from '../../services/archive/config.js';
import { startArchiver } from '../../services/archive/start-archiver.js';
import { runVerifyArchive } from '../../services/archive/verify-archive.js';
import {
  TEST_MIN_RETENTION,
  TEST_RETENTION,
  archiverFor,
  testLedger,
} from '../contract/archiver-contract.js';
import { buildChain, tamperedCopy } from '../support/archive-chain.js';
import type { ArchiveTestLedger } from '../support/archive-ledger.js';
import {
  createLockedTestBucket,
  createPlainTestBucket,
  rawS3Client,
  requireRgw,
  rgwTargetOptions,
} from '../support/rgw.js';
import type { RgwEnv } from '../support/rgw.js';

const DAY = 86_400_000;
const RANGES = [
  [0, 500],
  [500, 1000],
  [1000, 1500],
  [1500, 2000],
] as const;

let rgw: RgwEnv;
t.beforeEach(async () => {
  rgw = await requireRgw();
});

async function bucketTarget(t: Test, label: string): Promise<S3ArchiveTarget> {
  const bucket = await createLockedTestBucket(rgw, label);
  const target = createS3ArchiveTarget(rgwTargetOptions(rgw, bucket));
  t.teardown(() => target.close());
  return target;
}

function client(t: Test) {
  const c = rawS3Client(rgw);
  t.teardown(() => c.destroy());
  return c;
}

async function refusal(t: Test, p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  }
  t.fail('the server accepted it');
  return undefined;
}

/** A ledger of 2,000 leaves, checkpoints every 500. */
async function ledgerOf(t: Test): Promise<ArchiveTestLedger> {
  const ledger = await testLedger(t);
  await ledger.grow(2000, 500);
  return ledger;
}

function verify(target: S3ArchiveTarget, ledger: ArchiveTestLedger) {
  return verifyArchive(target, {
    verifierKeys: [ledger.verifierKey],
    minRetention: TEST_MIN_RETENTION,
  });
}

/** Runs the CLI command; returns its exit status and output. */
async function cli(bucket: string, ledger: ArchiveTestLedger, extra: string[] = []) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    ({
      write(chunk: string | Uint8Array) {
        add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await runVerifyArchive(
    [
      '--s3-bucket',
      bucket,
      '--s3-endpoint',
      rgw.endpoint,
      '--key',
      ledger.verifierKey,
      '--min-retention',
      '1d',
      ...extra,
    ],
    {
      stdout: sink((s) => (stdout += s)),
      stderr: sink((s) => (stderr += s)),
      env: {
        AWS_ACCESS_KEY_ID: rgw.accessKeyId,
        AWS_SECRET_ACCESS_KEY: rgw.secretAccessKey,
        AWS_REGION: rgw.region,
      },
    },
  );
  return { code, stdout, stderr };
}

/** Stores a sealed bundle the way the archiver does: locked, with its sha256. */
async function putBundle(target: S3ArchiveTarget, b: SealedBundle, key = b.key): Promise<string> {
  const put = await target.putLocked(key, b.bytes, {
    retainUntil: TEST_RETENTION.retainUntil(new Date()),
    sha256: b.sha256,
  });
  return put.versionId ?? '';
}

/** The version id of `key` stored elsewhere, so a chain can name it without the key holding it. */
async function putElsewhere(target: S3ArchiveTarget, b: SealedBundle): Promise<string> {
  return putBundle(target, b, `elsewhere/${b.key}`);
}

void t.test(
  'the server refuses to delete a bundle version, shorten its lock or make it GOVERNANCE',
  async (t) => {
    const target = await bucketTarget(t, 'refuse');
    const ledger = await ledgerOf(t);
    const [first] = (await archiverFor(t, ledger, target).runOnce({ force: true })).bundles;
    if (first?.versionId === null || first === undefined) throw new Error('no bundle');
    const s3 = client(t);
    const where = { Bucket: target.bucket, Key: first.key, VersionId: first.versionId };
    t.equal(await refusal(t, s3.send(new DeleteObjectCommand(where))), 403, 'delete by version');
    t.equal(
      await refusal(
        t,
        s3.send(new DeleteObjectCommand({ ...where, BypassGovernanceRetention: true })),
      ),
      403,
      'delete with the governance bypass',
    );
    t.equal(
      await refusal(
        t,
        s3.send(
          new PutObjectRetentionCommand({
            ...where,
            Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + DAY / 2) },
          }),
        ),
      ),
      403,
      'shortening the lock',
    );
    t.equal(
      await refusal(
        t,
        s3.send(
          new PutObjectRetentionCommand({
            ...where,
            Retention: {
              Mode: 'GOVERNANCE',
              RetainUntilDate: new Date(first.retainUntil.getTime() + DAY),
            },
            BypassGovernanceRetention: true,
          }),
        ),
      ),
      403,
      'switching to GOVERNANCE',
    );
    const head = await target.head(first.key, first.versionId);
    t.same(
      { mode: head?.lockMode, until: head?.retainUntil?.getTime(), sha256: head?.sha256 },
      { mode: 'COMPLIANCE', until: first.retainUntil.getTime(), sha256: first.sha256 },
    );
    t.equal((await verify(target, ledger)).problem, null);
  },
);

void t.test(
  'a PUT over a bundle key adds a version; verify-archive checks the locked original by version id',
  async (t) => {
    const target = await bucketTarget(t, 'overput');
    const ledger = await ledgerOf(t);
    const { bundles } = await archiverFor(t, ledger, target).runOnce({ force: true });
    t.equal(bundles.length, 2);
    const s3 = client(t);
    const [b0, b1] = bundles;
    if (b0 === undefined || b1 === undefined) throw new Error('two bundles expected');
    const over = await s3.send(
      new PutObjectCommand({ Bucket: target.bucket, Key: b0.key, Body: Buffer.from('forged') }),
    );
    t.not(over.VersionId, b0.versionId, 'a new version');
    t.same(Buffer.from(await target.get(b0.key)), Buffer.from('forged'), 'the key reads it');
    await s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: checkpointKey(archivePrefixFor(ledger.origin), 500),
        Body: Buffer.from('forged checkpoint'),
      }),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: b1.key }));

    const v = await verify(target, ledger);
    t.equal(v.problem, null, 'the originals check out');
    t.equal(v.leaves, 2000);
    t.ok(v.warnings.some((w) => w.includes(b0.key) && w.includes(`${b0.versionId}`)));
    t.ok(v.warnings.some((w) => w.includes(b1.key) && w.includes('delete marker')));

    const out = await cli(target.bucket, ledger);
    t.equal(out.code, 0, out.stderr);
    t.match(out.stdout, /verify-archive: OK .* 2 bundles cover leaves \[0, 2000\) with no gap/);
    t.match(out.stderr, /verify-archive: \[#+\] 2\/2 bundles/, 'progress on stderr');
  },
);

void t.test('a missing bundle is detected and named', async (t) => {
  const target = await bucketTarget(t, 'missing');
  const ledger = await ledgerOf(t);
  const prefix = archivePrefixFor(ledger.origin);
  await buildChain(ledger, prefix, RANGES, (b, i) =>
    i === 1 ? putElsewhere(target, b) : putBundle(target, b),
  );
  const v = await verify(target, ledger);
  t.same(
    { code: v.problem?.code, key: v.problem?.key, bundles: v.bundles, leaves: v.leaves },
    { code: 'GAP', key: bundleKey(prefix, 1000, 1500), bundles: 1, leaves: 500 },
  );
  t.match(v.problem?.message, /leaves \[500, 1000\) are in no bundle/);
  const out = await cli(target.bucket, ledger);
  t.equal(out.code, 1);
  t.match(out.stderr, `FAILED at ${bundleKey(prefix, 1000, 1500)}`);
  t.match(out.stderr, 'GAP');
});

void t.test('a reordered bundle is detected and named', async (t) => {
  const target = await bucketTarget(t, 'reorder');
  const ledger = await ledgerOf(t);
  const prefix = archivePrefixFor(ledger.origin);
  const swapped = (i: number) => (i === 1 ? 2 : i === 2 ? 1 : i);
  await buildChain(ledger, prefix, RANGES, (b, i) => {
    const [first, end] = RANGES[swapped(i)] as readonly [number, number];
    return putBundle(target, b, bundleKey(prefix, first, end));
  });
  const v = await verify(target, ledger);
  t.same(
    { code: v.problem?.code, key: v.problem?.key },
    { code: 'RANGE_MISMATCH', key: bundleKey(prefix, 500, 1000) },
  );
  t.match(v.problem?.message, /manifest \[1000, 1500\)/);
});

void t.test('a tampered copy, stored without a lock, is detected and named', async (t) => {
  const target = await bucketTarget(t, 'tamper');
  const ledger = await ledgerOf(t);
  const prefix = archivePrefixFor(ledger.origin);
  const s3 = client(t);
  await buildChain(ledger, prefix, RANGES, async (b, i) => {
    if (i !== 2) return putBundle(target, b);
    await s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: b.key,
        Body: Buffer.from(tamperedCopy(b.bytes)),
      }),
    );
    return putElsewhere(target, b);
  });
  const v = await verify(target, ledger);
  t.same(
    { code: v.problem?.code, key: v.problem?.key, leaves: v.leaves },
    { code: 'PART_HASH', key: bundleKey(prefix, 1000, 1500), leaves: 1000 },
  );
  t.match(v.problem?.message, /part entries/);
  const out = await cli(target.bucket, ledger, ['--quiet']);
  t.equal(out.code, 1);
  t.match(
    out.stderr,
    new RegExp(`FAILED at ${bundleKey(prefix, 1000, 1500)} \\(version [^)]+\\): PART_HASH`),
  );
});

void t.test('an unlocked, a briefly locked and a GOVERNANCE copy are each named', async (t) => {
  const ledger = await ledgerOf(t);
  const prefix = archivePrefixFor(ledger.origin);
  const cases = [
    {
      label: 'unlocked',
      code: 'LOCK',
      put: (target: S3ArchiveTarget, b: SealedBundle) =>
        rawS3Client(rgw).send(
          new PutObjectCommand({ Bucket: target.bucket, Key: b.key, Body: Buffer.from(b.bytes) }),
        ),
    },
    {
      label: 'brief',
      code: 'RETENTION',
      put: (target: S3ArchiveTarget, b: SealedBundle) =>
        target.putLocked(b.key, b.bytes, {
          retainUntil: new Date(Date.now() + 3_600_000),
          sha256: sha256Hex(b.bytes),
        }),
    },
    {
      label: 'governance',
      code: 'LOCK',
      put: (target: S3ArchiveTarget, b: SealedBundle) =>
        rawS3Client(rgw).send(
          new PutObjectCommand({
            Bucket: target.bucket,
            Key: b.key,
            Body: Buffer.from(b.bytes),
            ObjectLockMode: 'GOVERNANCE',
            ObjectLockRetainUntilDate: new Date(Date.now() + 3 * DAY),
          }),
        ),
    },
  ] as const;
  for (const c of cases) {
    const target = await bucketTarget(t, c.label);
    await buildChain(ledger, prefix, RANGES.slice(0, 3), async (b, i) => {
      if (i !== 1) return putBundle(target, b);
      await c.put(target, b);
      return putElsewhere(target, b);
    });
    const v = await verify(target, ledger);
    t.same(
      { code: v.problem?.code, key: v.problem?.key },
      { code: c.code, key: bundleKey(prefix, 500, 1000) },
      c.label,
    );
  }
});

void t.test(
  'a bucket without Object Lock is refused at start-up, naming what is missing',
  async (t) => {
    const ledger = await ledgerOf(t);
    const plain = await createPlainTestBucket(rgw, 'nolock', { versioning: true });
    const target = createS3ArchiveTarget(rgwTargetOptions(rgw, plain));
    t.teardown(() => target.close());
    const archiver = archiverFor(t, ledger, target);
    const e = await archiver.start().catch((err: unknown) => err);
    t.ok(isLedgerError(e) && e.code === 'LDG_ERR_ARCHIVE_NOT_READY');
    if (isLedgerError(e)) {
      t.match(e.message, plain);
      t.match(e.message, /Object Lock is not enabled/);
    }
    t.equal(archiver.status().running, false);
    const listed: string[] = [];
    for await (const k of target.list('')) listed.push(k);
    t.same(listed, [], 'nothing written');

    // the same through the service wiring and its configuration
    const config = loadArchiveConfig(
      {
        LEDGER_ARCHIVE_S3_BUCKET: plain,
        LEDGER_ARCHIVE_S3_ENDPOINT: rgw.endpoint,
        AWS_ACCESS_KEY_ID: rgw.accessKeyId,
        AWS_SECRET_ACCESS_KEY: rgw.secretAccessKey,
      },
      ledger.dir,
    );
    t.equal(config.target, 's3');
    const e2 = await startArchiver({
      config,
      database: ledger.database,
      source: ledger.source,
      signer: ledger.signer,
    }).catch((err: unknown) => err);
    t.ok(
      isLedgerError(e2) && e2.code === 'LDG_ERR_ARCHIVE_NOT_READY',
      'serve would refuse to start',
    );
  },
);
