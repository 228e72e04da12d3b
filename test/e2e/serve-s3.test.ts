/**
 * `serve` archiving to a real S3 with Object Lock (the local radosgw): the
 * bucket is made by `audit-ledger archive-bucket`, the running ledger seals
 * bundles into it, and `audit-ledger verify-archive` checks them with the
 * public key alone. A bucket without Object Lock is refused, by the CLI and
 * by serve at start-up.
 */
import { spawnSync } from 'node:child_process';
import t from 'tap';
import { simulatedEvents } from '../support/evidence-ledger.js';
import { encodeBatch, postEvents, startTestLedger } from '../support/ledger-server.js';
import { createPlainTestBucket, requireRgw, uniqueBucketName } from '../support/rgw.js';
import type { RgwEnv } from '../support/rgw.js';
import { CLI } from '../support/spawn-ledger.js';

function s3Env(rgw: RgwEnv, bucket: string): Record<string, string> {
  return {
    LEDGER_ARCHIVE: 's3',
    LEDGER_ARCHIVE_S3_BUCKET: bucket,
    LEDGER_ARCHIVE_S3_ENDPOINT: rgw.endpoint,
    LEDGER_ARCHIVE_S3_REGION: rgw.region,
    AWS_ACCESS_KEY_ID: rgw.accessKeyId,
    AWS_SECRET_ACCESS_KEY: rgw.secretAccessKey,
  };
}

function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

void t.test('serve archives into an Object Lock bucket that verify-archive checks', async (t) => {
  const rgw = await requireRgw();
  const bucket = uniqueBucketName('serve');
  const env = s3Env(rgw, bucket);
  const made = cli(['archive-bucket'], env);
  t.equal(made.code, 0, made.err);
  t.equal(made.out, `s3://${bucket}: versioning and Object Lock enabled (WORM)\n`);
  t.notMatch(made.err, /NodeVersionSupportWarning/, 'no SDK notice on stderr');
  const again = cli(['archive-bucket'], env);
  t.equal(again.code, 0, 'an existing locked bucket of ours is accepted');

  const l = await startTestLedger(t, {
    ...env,
    LEDGER_ARCHIVE_BUNDLE_ENTRIES: '400',
    LEDGER_ARCHIVE_RETENTION: '1d',
    LEDGER_ARCHIVE_RETENTION_FLOOR: '1d',
    LEDGER_CHECKPOINT_INTERVAL_MS: '50',
  });
  t.equal(l.archiver?.readiness.worm, true, 'the target is WORM storage');
  t.equal(l.archiver?.target.location, `s3://${bucket}`);
  const events = simulatedEvents('acme', 1000, Date.UTC(2026, 6, 1), 60_000, 8);
  // bundles end at signed checkpoints: three batches, each waiting for its checkpoint
  for (let i = 0; i < events.length; i += 350) {
    const res = await postEvents(
      l.url,
      l.token('gw-acme', 'acme'),
      encodeBatch(events.slice(i, i + 350)),
      'application/x-protobuf',
      '?wait=checkpoint',
    );
    t.equal(res.status, 200);
  }
  await l.archiver!.archiver.runOnce({ force: true });
  const bundles = await l.archiver!.progress.bundles(0, 100);
  t.ok(bundles.length >= 2, `bundles sealed (${bundles.length})`);
  t.ok(
    bundles.every((b) => b.lockMode === 'COMPLIANCE' && b.versionId !== null),
    'each bundle is a locked version',
  );
  const key = l.log!.verifierKey;
  await l.close();

  const checked = cli(
    ['verify-archive', '--s3-bucket', bucket, '--key', key, '--min-retention', '1d', '--quiet'],
    { ...env, LEDGER_ARCHIVE_S3_ENDPOINT: rgw.endpoint },
  );
  t.equal(checked.code, 0, checked.err);
  t.match(checked.out, /OK/i);
});

void t.test('a bucket without Object Lock is refused', async (t) => {
  const rgw = await requireRgw();
  const bucket = await createPlainTestBucket(rgw, 'plain', { versioning: true });
  const env = s3Env(rgw, bucket);
  const r = cli(['archive-bucket'], env);
  t.equal(r.code, 1);
  t.match(r.err, /LDG_ERR_ARCHIVE_NOT_READY/);
  t.match(r.err, new RegExp(bucket));
  await t.rejects(startTestLedger(t, env), { code: 'LDG_ERR_ARCHIVE_NOT_READY' });
});
