/**
 * The syslog connector against Debian's rsyslogd on loopback, over TCP
 * (RFC 6587 octet counting) and TLS (RFC 5425, throwaway CA): rsyslog parses
 * every message as RFC 5424 and writes the parsed properties to a file that
 * the test reads. rsyslogd is killed (SIGKILL) mid-stream and restarted on
 * the same ports; the received set must equal the sent set for both
 * transports (duplicates allowed and counted, gaps never).
 *
 * Needs rsyslog: scripts/rsyslog-install (scripts/test runs it).
 */
import { mkdirSync } from 'node:fs';
import t from 'tap';
import type { Test } from 'tap';
import { START } from '../../ledger/store/event-store.js';
import { parseConnectorsConfig } from '../../services/connectors/config.js';
import { startConnectors } from '../../services/connectors/manager.js';
import { tempDir } from '../support/ledger-server.js';
import { makeTestPki, startRsyslog } from '../support/rsyslog.js';
import type { ParsedSyslog, Rsyslog } from '../support/rsyslog.js';
import { appendAll, trafficEvents } from '../support/siem-events.js';
import { openTempStore, waitUntil } from '../support/siem-harness.js';
import { ReceivedSet } from '../support/siem-receivers.js';

const SD_POSITION =
  /^\[ledger@32473 position="(\d+)" tenant="([^"]*)" eventId="([^"]*)" type="([^"]*)"\]$/;

function received(messages: readonly ParsedSyslog[], input: 'tcp' | 'tls'): ReceivedSet {
  const set = new ReceivedSet();
  for (const m of messages) {
    if (m.input !== input) continue;
    const sd = SD_POSITION.exec(m.structuredData);
    if (sd === null) throw new Error(`no ledger SD element in ${m.structuredData}`);
    set.add(Number(sd[1]));
  }
  return set;
}

async function rsyslogFor(t: Test): Promise<Rsyslog> {
  const dir = tempDir('audit-ledger-rsyslog-');
  mkdirSync(dir, { recursive: true });
  const r = await startRsyslog(dir);
  t.teardown(() => r.kill());
  return r;
}

void t.test('RFC 5424 over TCP: rsyslog parses every field', async (t) => {
  const rs = await rsyslogFor(t);
  const { store, checkpointsPath } = openTempStore(t);
  const events = trafficEvents('acme', 300, 71);
  const positions = await appendAll(store, events);
  const config = parseConnectorsConfig({
    connectors: [
      {
        name: 'syslog-tcp',
        type: 'syslog',
        host: '127.0.0.1',
        port: rs.tcpPort,
        hostname: 'ledger-test-node',
        facility: 10,
      },
    ],
  });
  const m = startConnectors({ store, config, checkpointsPath });
  t.teardown(() => m.close());
  await waitUntil(() => rs.messages().length >= 300, '300 messages in the rsyslog file');
  await waitUntil(
    () => m.stats()[0]!.checkpoint === positions[positions.length - 1],
    'the checkpoint',
  );
  const msgs = rs.messages();
  t.equal(msgs.length, 300);
  msgs.forEach((msg, i) => {
    const sd = SD_POSITION.exec(msg.structuredData);
    const e = events[i]!;
    if (
      sd === null ||
      Number(sd[1]) !== positions[i] ||
      sd[2] !== 'acme' ||
      sd[3] !== e.eventId ||
      sd[4] !== e.type ||
      msg.msgId !== e.type ||
      msg.facility !== 10 ||
      msg.appName !== 'audit-ledger' ||
      msg.hostname !== 'ledger-test-node' ||
      msg.procId !== '-' ||
      !msg.msg.startsWith(`CEF:0|audit-ledger|audit-ledger|`) ||
      !msg.msg.includes(`cn1=${positions[i]}`)
    ) {
      t.fail(`message ${i} as rsyslog parsed it: ${JSON.stringify(msg)}`);
    }
  });
  const severities = new Map(msgs.map((x) => [x.msgId, x.severity]));
  t.equal(severities.get('command_executed'), 6, 'informational');
  t.ok((severities.get('command_blocked') ?? 9) <= 4, 'blocked commands are warnings (or worse)');
  t.match(
    msgs[0]!.timestamp,
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(\+00:00|Z)$/,
    'RFC 3339 timestamp with ms',
  );
});

void t.test('TCP and TLS: rsyslogd killed mid-stream and restarted, received = sent', async (t) => {
  const rs = await rsyslogFor(t);
  const { store, checkpointsPath } = openTempStore(t);
  const entry = {
    type: 'syslog',
    host: '127.0.0.1',
    retry: { initialMs: 20, maxMs: 300 },
    timeoutMs: 3000,
    batch: { maxEvents: 200 },
  };
  const config = parseConnectorsConfig({
    connectors: [
      { ...entry, name: 'syslog-tcp', port: rs.tcpPort },
      {
        ...entry,
        name: 'syslog-tls',
        port: rs.tlsPort,
        tls: true,
        caFile: rs.pki.caFile,
        format: 'ocsf',
      },
    ],
  });
  const sent = await appendAll(store, [
    ...trafficEvents('acme', 2000, 72),
    ...trafficEvents('globex', 2000, 73),
  ]);
  const m = startConnectors({ store, config, checkpointsPath, pageSize: 500, headRefreshMs: 50 });
  t.teardown(() => m.close());

  await waitUntil(
    () =>
      received(rs.messages(), 'tcp').distinct >= 1200 &&
      received(rs.messages(), 'tls').distinct >= 1200,
    'both connectors under way',
  );
  await rs.kill('SIGKILL');
  sent.push(...(await appendAll(store, trafficEvents('acme', 1500, 74))));
  await waitUntil(
    () => m.stats().every((s) => s.consecutiveFailures >= 2),
    'both connectors to fail and retry',
  );
  for (const s of m.stats()) {
    t.ok(
      s.checkpoint < sent[sent.length - 1]!,
      `${s.name}: checkpoint held back while rsyslog is down`,
    );
    t.ok(s.lagSeconds > 0, `${s.name}: lag reported (${s.lagSeconds} s)`);
  }
  await rs.start(); // same ports
  await waitUntil(
    () =>
      received(rs.messages(), 'tcp').distinct >= sent.length &&
      received(rs.messages(), 'tls').distinct >= sent.length,
    'every event over both transports after the restart',
    60_000,
  ).catch((e: unknown) => {
    for (const input of ['tcp', 'tls'] as const) {
      const missing = received(rs.messages(), input).missing(sent);
      t.comment(
        `${input}: ${missing.length} missing, first ${missing.slice(0, 5).join(',')} last ${missing.slice(-3).join(',')}`,
      );
    }
    t.comment(JSON.stringify(m.stats()));
    throw e;
  });
  for (const input of ['tcp', 'tls'] as const) {
    const got = received(rs.messages(), input);
    t.same(got.missing(sent), [], `${input}: no gaps`);
    t.same(got.unexpected(sent), [], `${input}: nothing unexpected`);
    t.comment(
      `${input}: sent ${sent.length}, received ${got.records} (${got.duplicates} duplicates)`,
    );
  }
  await waitUntil(
    () =>
      m.stats().every((s) => s.checkpoint === sent[sent.length - 1] && s.consecutiveFailures === 0),
    'both checkpoints at the head',
  );
  const tls = rs.messages().find((x) => x.input === 'tls')!;
  const ocsf = JSON.parse(tls.msg) as { metadata: { sequence: number } };
  t.ok(Number.isInteger(ocsf.metadata.sequence), 'TLS connector sends OCSF JSON as MSG');
});

void t.test(
  'TLS with a CA that did not sign the server certificate: refused, checkpoint unmoved',
  async (t) => {
    const rs = await rsyslogFor(t);
    const { store, checkpointsPath } = openTempStore(t);
    const other = tempDir('audit-ledger-other-ca-');
    const wrong = makeTestPki(other);
    await appendAll(store, trafficEvents('acme', 20, 75));
    const config = parseConnectorsConfig({
      connectors: [
        {
          name: 'syslog-tls',
          type: 'syslog',
          host: '127.0.0.1',
          port: rs.tlsPort,
          tls: true,
          caFile: wrong.caFile,
          retry: { initialMs: 20, maxMs: 100 },
        },
      ],
    });
    const m = startConnectors({ store, config, checkpointsPath });
    t.teardown(() => m.close());
    await waitUntil(() => m.stats()[0]!.failures >= 3, 'refused handshakes');
    t.equal(m.stats()[0]!.checkpoint, START);
    t.match(m.stats()[0]!.lastError, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|self.signed|certificate/i);
    t.equal(rs.messages().length, 0);
  },
);
