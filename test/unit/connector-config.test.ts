/**
 * Connector configuration (every bad key named by path, all at once), the
 * backoff schedule, batching limits, the durable checkpoint file and the
 * connector metrics.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { isLedgerError } from '../../ledger/errors.js';
import {
  ConnectorConfigError,
  loadConnectorsConfig,
  parseConnectorsConfig,
} from '../../services/connectors/config.js';
import { backoffDelay } from '../../services/connectors/connector.js';
import type { ConnectorStats } from '../../services/connectors/connector.js';
import { registerConnectorMetrics } from '../../services/connectors/metrics.js';
import { groupRecords } from '../../services/connectors/sink.js';
import { openConnectorCheckpoints } from '../../services/connectors/sqlite-checkpoints.js';
import { webhookSignature } from '../../services/connectors/webhook.js';
import { createMetrics } from '../../services/metrics.js';
import { tempDir } from '../support/ledger-server.js';

function issuesOf(doc: unknown, env: Record<string, string> = {}): string[] {
  try {
    parseConnectorsConfig(doc, { env });
  } catch (e) {
    if (e instanceof ConnectorConfigError && e.code === 'LDG_ERR_CONFIG') {
      return e.issues.map((i) => i.path).sort();
    }
    throw e;
  }
  return [];
}

void t.test('a valid file: defaults resolved once, frozen', async (t) => {
  const dir = tempDir('audit-ledger-conn-');
  writeFileSync(join(dir, 'ca.pem'), 'not really a certificate, only read\n');
  writeFileSync(join(dir, 'hook.secret'), 'from-a-file-0123456789\n');
  const path = join(dir, 'connectors.json');
  writeFileSync(
    path,
    JSON.stringify({
      connectors: [
        {
          name: 'splunk',
          type: 'splunk-hec',
          url: 'https://splunk.example:8088/services/collector/event',
          token: { env: 'TOKEN' },
          caFile: 'ca.pem',
        },
        {
          name: 'rsyslog',
          type: 'syslog',
          host: 'syslog.example',
          port: 6514,
          tls: true,
          tenants: ['acme'],
        },
        {
          name: 'hook',
          type: 'webhook',
          url: 'https://hooks.example/ledger',
          secret: { file: 'hook.secret' },
          format: 'json',
          types: ['command_blocked'],
          startAt: 'end',
          batch: { maxEvents: 10 },
          retry: { initialMs: 100, maxMs: 1000 },
        },
      ],
    }),
  );
  const config = loadConnectorsConfig(path, { TOKEN: 'hec-token' });
  t.ok(
    Object.isFrozen(config) &&
      Object.isFrozen(config.connectors) &&
      Object.isFrozen(config.connectors[0]),
  );
  const [hec, syslog, hook] = config.connectors;
  if (hec?.type !== 'splunk-hec' || syslog?.type !== 'syslog' || hook?.type !== 'webhook')
    throw new Error('types');
  t.equal(hec.token, 'hec-token');
  t.equal(hec.format, 'ocsf');
  t.equal(hec.sourcetype, 'audit-ledger:ocsf');
  t.equal(
    hec.tls.ca?.toString(),
    'not really a certificate, only read\n',
    'caFile resolved against the file directory',
  );
  t.equal(hec.maxEvents, 500);
  t.equal(hec.startAt, 'beginning');
  t.equal(syslog.format, 'cef', 'syslog defaults to CEF');
  t.equal(syslog.facility, 13);
  t.equal(syslog.enterpriseId, 32473);
  t.equal(syslog.useTls, true);
  t.same([...(syslog.tenants ?? [])], ['acme']);
  t.equal(hook.secret, 'from-a-file-0123456789');
  t.equal(hook.maxEvents, 10);
  t.equal(hook.retryInitialMs, 100);
  t.equal(hook.startAt, 'end');
  t.same([...(hook.types ?? [])], ['command_blocked']);
});

void t.test('every bad key is reported at once, by path', async (t) => {
  t.same(issuesOf([]), ['']);
  t.same(issuesOf({ connector: [] }), ['connector', 'connectors'].sort());
  t.same(
    issuesOf({
      connectors: [
        { name: 'dup', type: 'splunk-hec', url: 'ftp://x', token: { env: 'MISSING' } },
        { name: 'dup', type: 'syslog', host: '', port: 70000, facility: 24, colour: 'red' },
        { name: 'bad name!', type: 'pager' },
        {
          type: 'webhook',
          url: 'https://h.example',
          secret: 'short',
          headers: { 'Content-Type': 'x', 'X-Ok': 'y\n' },
        },
        {
          name: 'f',
          type: 'webhook',
          url: 'https://h.example',
          secret: 'long-enough-secret-123',
          format: 'xml',
          types: ['nope'],
          batch: { maxEvents: 0, size: 1 },
          retry: { initialMs: 1000, maxMs: 10 },
          caFile: '/does/not/exist.pem',
          timeoutMs: 5,
        },
        'not an object',
      ],
    }),
    [
      'connectors[0].url',
      'connectors[0].token',
      'connectors[1].name',
      'connectors[1].colour',
      'connectors[1].facility',
      'connectors[1].host',
      'connectors[1].port',
      'connectors[2].name',
      'connectors[2].type',
      'connectors[3].name',
      'connectors[3].headers.Content-Type',
      'connectors[3].headers.X-Ok',
      'connectors[3].secret',
      'connectors[4].batch.size',
      'connectors[4].retry',
      'connectors[4].format',
      'connectors[4].types[0]',
      'connectors[4].batch.maxEvents',
      'connectors[4].timeoutMs',
      'connectors[4].caFile',
      'connectors[5]',
    ].sort(),
  );
  // messages name the problem
  try {
    parseConnectorsConfig(
      { connectors: [{ name: 'x', type: 'splunk-hec', url: 'https://s', token: { env: 'NOPE' } }] },
      { env: {} },
    );
    t.fail('should throw');
  } catch (e) {
    t.ok(isLedgerError(e) && e.code === 'LDG_ERR_CONFIG');
    t.match((e as Error).message, /connectors\[0\]\.token: environment variable NOPE is not set/);
  }
});

void t.test('the file itself: missing, or not JSON → LDG_ERR_CONFIG naming it', async (t) => {
  const dir = tempDir('audit-ledger-conn-');
  const missing = join(dir, 'nope.json');
  t.throws(() => loadConnectorsConfig(missing), {
    code: 'LDG_ERR_CONFIG',
    message: new RegExp(`${missing}.*ENOENT`),
  });
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"connectors": [');
  t.throws(() => loadConnectorsConfig(bad), { code: 'LDG_ERR_CONFIG', message: /not valid JSON/ });
});

void t.test('the example files validate', async (t) => {
  const env = { SPLUNK_HEC_TOKEN: 'token', WEBHOOK_SECRET: 'an-example-secret-0123' };
  for (const name of ['connectors.json', 'connectors.local-syslog.json']) {
    const path = new URL(`../../examples/${name}`, import.meta.url).pathname;
    const config = loadConnectorsConfig(path, env);
    t.ok(config.connectors.length > 0, name);
  }
});

void t.test('backoff: exponential, capped, jittered within [step/2, step]', async (t) => {
  const lo = (n: number) => backoffDelay(n, 100, 5000, () => 0);
  const hi = (n: number) => backoffDelay(n, 100, 5000, () => 0.999999);
  t.same([0, 1, 2, 3, 4, 5, 6, 7].map(lo), [50, 100, 200, 400, 800, 1600, 2500, 2500]);
  t.same([0, 1, 2, 3, 4, 5, 6, 7].map(hi), [100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  t.equal(
    backoffDelay(1000, 100, 5000, () => 0.5),
    3750,
    'huge attempt counts stay capped',
  );
});

void t.test('batching: by events and bytes; an oversize record goes alone', async (t) => {
  const rec = (n: number, p: number) => ({ bytes: Buffer.alloc(n, 120), position: p });
  const join = (parts: readonly Buffer[]) => Buffer.concat(parts);
  const ds = groupRecords(
    [rec(10, 1), rec(10, 2), rec(10, 3), rec(100, 4), rec(10, 5)],
    2,
    40,
    join,
    5,
    1,
  );
  t.same(
    ds.map((d) => [d.count, d.firstPosition, d.lastPosition]),
    [
      [2, 1, 2],
      [1, 3, 3],
      [1, 4, 4],
      [1, 5, 5],
    ],
  );
  t.same(groupRecords([], 10, 100, join), []);
});

void t.test('checkpoints: durable, per connector, never move back', async (t) => {
  const dir = tempDir('audit-ledger-cp-');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'connectors.db');
  const a = openConnectorCheckpoints(path, () => 1000);
  t.equal(a.get('splunk'), undefined);
  a.advance('splunk', 10, 11);
  a.advance('syslog', 3, 4);
  a.advance('splunk', 7, 0); // a late, older write cannot move it back
  a.close();
  const b = openConnectorCheckpoints(path);
  t.same(b.get('splunk'), { position: 10, delivered: 11, updatedAt: 1000 });
  t.equal(b.get('syslog')?.position, 3);
  t.throws(() => b.advance('splunk', 1.5, 0), { code: 'LDG_ERR_INTERNAL' });
  b.close();
});

void t.test('webhook signature: HMAC-SHA256 over timestamp "." body', async (t) => {
  t.equal(
    webhookSignature('secret', '1714564800', Buffer.from('{"events":[]}')),
    // printf '%s' '1714564800.{"events":[]}' | openssl dgst -sha256 -hmac secret
    'sha256=24823f04f9060306b81e308ef060f6989e9fa1ab864c82b8c687bc8a290bd02f',
  );
});

void t.test('metrics: one series per connector', async (t) => {
  const metrics = createMetrics();
  let delivered = 5;
  const stats = (): ConnectorStats[] => [
    {
      name: 'splunk',
      type: 'splunk-hec',
      running: true,
      checkpoint: 41,
      lagSeconds: 2.5,
      lagPositions: 9,
      delivered,
      deliveries: 1,
      failures: 3,
      consecutiveFailures: 2,
      lastError: 'HEC answered 503',
      lastSuccessAt: 1,
      lastFailureAt: 2,
    },
  ];
  registerConnectorMetrics(metrics, { stats });
  let text = await metrics.registry.metrics();
  t.match(text, /ledger_connector_lag_seconds\{connector="splunk"\} 2\.5/);
  t.match(text, /ledger_connector_lag_positions\{connector="splunk"\} 9/);
  t.match(text, /ledger_connector_checkpoint_position\{connector="splunk"\} 41/);
  t.match(text, /ledger_connector_up\{connector="splunk"\} 0/);
  t.match(text, /ledger_connector_failures_total\{connector="splunk"\} 3/);
  t.match(text, /ledger_connector_delivered_events_total\{connector="splunk"\} 5/);
  delivered = 12;
  text = await metrics.registry.metrics();
  t.match(
    text,
    /ledger_connector_delivered_events_total\{connector="splunk"\} 12/,
    'counters follow the cumulative stats',
  );
});
