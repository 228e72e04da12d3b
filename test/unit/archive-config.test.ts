/**
 * The archive configuration from the environment: the directory target by
 * default, S3 when a bucket is set, every bad variable named (LDG_ERR_CONFIG).
 */
import t from 'tap';
import { loadArchiveConfig } from '../../services/archive/config.js';
import { isLedgerError } from '../../ledger/errors.js';

function errorOf(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (e) {
    return isLedgerError(e) ? { code: e.code, message: e.message } : { message: String(e) };
  }
  return {};
}

void t.test(
  'defaults: a directory under the data dir, five years, 100,000 entries or 10 minutes',
  async (t) => {
    const c = loadArchiveConfig({}, '/var/lib/ledger');
    t.same(
      {
        target: c.target,
        directory: c.directory,
        s3: c.s3,
        prefix: c.prefix,
        retention: c.retention,
        floor: c.retentionFloor,
        entries: c.bundleEntries,
        interval: c.bundleIntervalMs,
        maxBytes: c.maxBundleBytes,
        poll: c.pollIntervalMs,
      },
      {
        target: 'directory',
        directory: '/var/lib/ledger/archive',
        s3: null,
        prefix: null,
        retention: { years: 5 },
        floor: { years: 5 },
        entries: 100_000,
        interval: 600_000,
        maxBytes: 256 * 1024 * 1024,
        poll: 1000,
      },
    );
    t.ok(Object.isFrozen(c));
  },
);

void t.test('S3 when a bucket is configured, with endpoint, region and credentials', async (t) => {
  const c = loadArchiveConfig(
    {
      LEDGER_ARCHIVE_S3_BUCKET: 'audit-archive',
      LEDGER_ARCHIVE_S3_ENDPOINT: 'http://127.0.0.1:7480',
      AWS_ACCESS_KEY_ID: 'id',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'eu-west-1',
      LEDGER_ARCHIVE_RETENTION: '7y',
      LEDGER_ARCHIVE_BUNDLE_ENTRIES: '50000',
      LEDGER_ARCHIVE_BUNDLE_MINUTES: '5',
      LEDGER_ARCHIVE_PREFIX: 'ledger.example.com/acme',
    },
    '/data',
  );
  t.equal(c.target, 's3');
  t.same(c.s3, {
    bucket: 'audit-archive',
    region: 'eu-west-1',
    endpoint: 'http://127.0.0.1:7480',
    forcePathStyle: true,
    credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
  });
  t.same(c.retention, { years: 7 });
  t.equal(c.bundleEntries, 50_000);
  t.equal(c.bundleIntervalMs, 300_000);
  t.equal(c.prefix, 'ledger.example.com/acme');
  const aws = loadArchiveConfig({ LEDGER_ARCHIVE_S3_BUCKET: 'audit-archive' }, '/data');
  t.same(aws.s3, { bucket: 'audit-archive', region: 'us-east-1', forcePathStyle: false });
  t.equal(loadArchiveConfig({ LEDGER_ARCHIVE: 'off' }, '/data').target, 'off');
});

void t.test('bad values are refused, naming the variable', async (t) => {
  const cases: [Record<string, string>, string][] = [
    [{ LEDGER_ARCHIVE: 'tape' }, 'LEDGER_ARCHIVE'],
    [{ LEDGER_ARCHIVE: 's3' }, 'LEDGER_ARCHIVE_S3_BUCKET'],
    [{ LEDGER_ARCHIVE_S3_BUCKET: 'Bad_Bucket' }, 'LEDGER_ARCHIVE_S3_BUCKET'],
    [
      { LEDGER_ARCHIVE_S3_BUCKET: 'b-1', LEDGER_ARCHIVE_S3_ENDPOINT: 'ftp://x' },
      'LEDGER_ARCHIVE_S3_ENDPOINT',
    ],
    [{ LEDGER_ARCHIVE_S3_BUCKET: 'b-1', AWS_ACCESS_KEY_ID: 'id' }, 'AWS_SECRET_ACCESS_KEY'],
    [{ LEDGER_ARCHIVE_RETENTION: '5 weeks' }, 'LEDGER_ARCHIVE_RETENTION'],
    [{ LEDGER_ARCHIVE_RETENTION: '1y' }, 'LEDGER_ARCHIVE_RETENTION'],
    [{ LEDGER_ARCHIVE_RETENTION_FLOOR: '0d' }, 'LEDGER_ARCHIVE_RETENTION_FLOOR'],
    [{ LEDGER_ARCHIVE_BUNDLE_ENTRIES: '0' }, 'LEDGER_ARCHIVE_BUNDLE_ENTRIES'],
    [{ LEDGER_ARCHIVE_BUNDLE_MINUTES: 'ten' }, 'LEDGER_ARCHIVE_BUNDLE_MINUTES'],
    [{ LEDGER_ARCHIVE_PREFIX: 'a//b' }, 'LEDGER_ARCHIVE_PREFIX'],
    [
      { LEDGER_ARCHIVE_S3_BUCKET: 'b-1', LEDGER_ARCHIVE_S3_FORCE_PATH_STYLE: 'yes' },
      'LEDGER_ARCHIVE_S3_FORCE_PATH_STYLE',
    ],
  ];
  for (const [env, variable] of cases) {
    const e = errorOf(() => loadArchiveConfig(env, '/data'));
    t.equal(e.code, 'LDG_ERR_CONFIG', JSON.stringify(env));
    t.match(e.message, variable, `names ${variable}`);
  }
  const lowered = loadArchiveConfig(
    { LEDGER_ARCHIVE_RETENTION: '1y', LEDGER_ARCHIVE_RETENTION_FLOOR: '1y' },
    '/data',
  );
  t.same(lowered.retention, { years: 1 }, 'a shorter retention takes a visibly lowered floor');
});
