/**
 * Splunk HEC and webhook connectors against real receivers on loopback
 * (test/support/siem-receivers.ts): formats, token and signatures checked by
 * the receiver; the receiver killed mid-request (its acknowledgement lost)
 * and restarted later while events keep arriving; the received set must
 * equal the sent set (duplicates allowed and counted, gaps never); a clean
 * restart resumes exactly after the checkpoint; a refusing receiver never
 * moves the checkpoint.
 */
import t from 'tap';
import type { Test } from 'tap';
import { START } from '../../ledger/store/event-store.js';
import { parseConnectorsConfig } from '../../services/connectors/config.js';
import { startConnectors } from '../../services/connectors/manager.js';
import { openConnectorCheckpoints } from '../../services/connectors/sqlite-checkpoints.js';
import { appendAll, trafficEvents } from '../support/siem-events.js';
import { openTempStore, waitUntil } from '../support/siem-harness.js';
import { createHecReceiver, createWebhookReceiver } from '../support/siem-receivers.js';
import type { TestReceiver } from '../support/siem-receivers.js';

const HEC_TOKEN = '6f1c7a2e-0b7d-4d1e-9c55-2d3b8f0a9e11';
const WEBHOOK_SECRET = 'whsec-test-0123456789abcdef';
const FAST_RETRY = { initialMs: 20, maxMs: 200 };

interface Scenario {
  readonly receiver: TestReceiver;
  /** The connector entry, once the receiver listens. */
  readonly connector: (receiverUrl: string) => Record<string, unknown>;
}

async function killRestartScenario(t: Test, s: Scenario): Promise<void> {
  const { store, checkpointsPath } = openTempStore(t);
  const { receiver } = s;
  await receiver.start();
  t.teardown(() => receiver.kill());
  const entry = s.connector(receiver.url);
  const config = parseConnectorsConfig(
    { connectors: [{ ...entry, retry: FAST_RETRY, timeoutMs: 2000, batch: { maxEvents: 100 } }] },
    { env: { HEC_TOKEN, WEBHOOK_SECRET } },
  );
  const sent = await appendAll(store, [
    ...trafficEvents('acme', 1500, 1),
    ...trafficEvents('globex', 1500, 2),
  ]);
  // the receiver dies while handling a request it already read: that acknowledgement is lost
  receiver.killAfterRecords = 850;
  const m = startConnectors({ store, config, checkpointsPath, pageSize: 500, headRefreshMs: 50 });
  t.teardown(() => m.close());
  await waitUntil(() => !receiver.running, 'the receiver to be killed');

  // while it is down: more events arrive, the connector retries with backoff and reports lag
  sent.push(...(await appendAll(store, trafficEvents('acme', 1000, 3))));
  await waitUntil(() => (m.stats()[0]?.consecutiveFailures ?? 0) >= 3, 'retries to fail');
  const down = m.stats()[0]!;
  t.ok(down.lagSeconds > 0, `lag while down: ${down.lagSeconds} s`);
  t.ok(down.lagPositions > 0, `positions behind while down: ${down.lagPositions}`);
  t.ok(
    down.checkpoint < sent[sent.length - 1]!,
    'checkpoint did not pass what was not acknowledged',
  );

  await receiver.restart();
  await waitUntil(() => receiver.received.distinct >= sent.length, 'every event after the restart');
  t.same(receiver.received.missing(sent), [], 'no gaps: every sent position arrived');
  t.same(receiver.received.unexpected(sent), [], 'nothing that was not sent');
  t.ok(receiver.received.duplicates > 0, 'the delivery whose acknowledgement was lost came again');
  t.comment(
    `sent ${sent.length}, received ${receiver.received.records} records, ${receiver.received.duplicates} duplicates, ${m.stats()[0]!.failures} failed attempts`,
  );
  t.same(receiver.refusals, [], 'the receiver refused nothing (format, token, signature)');
  await waitUntil(
    () => m.stats()[0]!.checkpoint === sent[sent.length - 1],
    'the checkpoint to reach the head',
  );
  await waitUntil(
    () => m.stats()[0]!.lagPositions === 0 && m.stats()[0]!.lagSeconds === 0,
    'lag to clear',
  );
  const up = m.stats()[0]!;
  t.equal(up.consecutiveFailures, 0);
  t.ok(up.failures >= 3);
  t.ok(up.delivered >= sent.length);

  // a clean stop and a new start resume exactly after the checkpoint: nothing acknowledged comes again
  await m.close();
  const before = receiver.received.records;
  const more = await appendAll(store, trafficEvents('globex', 300, 4));
  const m2 = startConnectors({ store, config, checkpointsPath, pageSize: 500 });
  t.teardown(() => m2.close());
  await waitUntil(
    () => receiver.received.distinct >= sent.length + more.length,
    'the events after the restart',
  );
  await new Promise((r) => setTimeout(r, 200));
  t.equal(receiver.received.records - before, more.length, 'only the new events were delivered');
  t.same(receiver.received.missing(more), []);
  await m2.close();
  const cp = openConnectorCheckpoints(checkpointsPath);
  t.equal(cp.get(String(entry['name']))?.position, more[more.length - 1], 'durable checkpoint');
  cp.close();
}

void t.test('splunk HEC: kill and restart mid-stream, at-least-once without gaps', async (t) => {
  const hec = createHecReceiver(HEC_TOKEN);
  await killRestartScenario(t, {
    receiver: hec,
    connector: (url) => ({
      name: 'splunk',
      type: 'splunk-hec',
      url: `${url}/services/collector/event`,
      token: { env: 'HEC_TOKEN' },
      index: 'security',
    }),
  });
  // what Splunk got: stacked OCSF events with the HEC envelope
  const e = hec.events[0]!;
  t.equal(e.index, 'security');
  t.equal(e.sourcetype, 'audit-ledger:ocsf');
  t.equal(e.source, 'audit-ledger');
  t.match(e.host, /^gw-/, 'host is the gateway id');
  const ocsf = e.event as { class_uid: number; metadata: { sequence: number; tenant_uid: string } };
  t.equal(ocsf.metadata.sequence, Number(e.fields.position));
  t.equal(ocsf.metadata.tenant_uid, e.fields.tenant);
  t.ok(Number.isInteger(ocsf.class_uid));
  t.ok(Math.abs(e.time * 1000 - Date.now()) < 86_400_000, 'time is epoch seconds');
});

void t.test(
  'webhook: kill and restart mid-stream, signed batches, at-least-once without gaps',
  async (t) => {
    const hook = createWebhookReceiver(WEBHOOK_SECRET);
    await killRestartScenario(t, {
      receiver: hook,
      connector: (url) => ({
        name: 'hook',
        type: 'webhook',
        url: `${url}/ledger-events`,
        secret: { env: 'WEBHOOK_SECRET' },
        format: 'json',
        headers: { 'X-Team': 'secops' },
      }),
    });
    const b = hook.bodies[0]!;
    t.equal(b.source, 'audit-ledger');
    t.equal(b.format, 'json');
    t.ok(b.events.length > 0 && b.events.length <= 100, 'batched by maxEvents');
  },
);

void t.test(
  'a receiver that refuses (wrong token, wrong secret) never moves the checkpoint',
  async (t) => {
    const { store, checkpointsPath } = openTempStore(t);
    const hec = createHecReceiver('the-right-token');
    const hook = createWebhookReceiver('the-right-secret-0123456789');
    await hec.start();
    await hook.start();
    t.teardown(() => hec.kill());
    t.teardown(() => hook.kill());
    const config = parseConnectorsConfig({
      connectors: [
        {
          name: 'splunk',
          type: 'splunk-hec',
          url: `${hec.url}/services/collector/event`,
          token: 'a-wrong-token',
          retry: FAST_RETRY,
        },
        {
          name: 'hook',
          type: 'webhook',
          url: `${hook.url}/`,
          secret: 'a-wrong-secret-0123456789',
          retry: FAST_RETRY,
        },
      ],
    });
    await appendAll(store, trafficEvents('acme', 50, 7));
    const m = startConnectors({ store, config, checkpointsPath });
    t.teardown(() => m.close());
    await waitUntil(() => m.stats().every((s) => s.failures >= 3), 'repeated refusals');
    const [splunk, webhook] = m.stats();
    t.equal(splunk!.checkpoint, START, 'HEC checkpoint unmoved');
    t.equal(webhook!.checkpoint, START, 'webhook checkpoint unmoved');
    t.match(splunk!.lastError, /403/);
    t.match(webhook!.lastError, /401/);
    t.equal(hec.received.records, 0);
    t.equal(hook.received.records, 0);
    t.ok(hec.refusals.every((r) => r.reason === 'bad token'));
    t.ok(hook.refusals.every((r) => r.reason === 'bad signature'));
  },
);

void t.test(
  'tenant and type filters: only matching events go out, the checkpoint still reaches the head',
  async (t) => {
    const { store, checkpointsPath } = openTempStore(t);
    const hec = createHecReceiver(HEC_TOKEN);
    await hec.start();
    t.teardown(() => hec.kill());
    const acme = trafficEvents('acme', 400, 8);
    const globex = trafficEvents('globex', 400, 9);
    const positions = await appendAll(store, [...acme, ...globex]);
    const config = parseConnectorsConfig({
      connectors: [
        {
          name: 'blocked-acme',
          type: 'splunk-hec',
          url: `${hec.url}/services/collector/event`,
          token: HEC_TOKEN,
          format: 'cef',
          tenants: ['acme'],
          types: ['command_blocked', 'approval_denied'],
        },
      ],
    });
    const want = [...acme, ...globex]
      .map((e, i) => ({ e, p: positions[i]! }))
      .filter(
        ({ e }) =>
          e.tenantId === 'acme' && (e.type === 'command_blocked' || e.type === 'approval_denied'),
      )
      .map(({ p }) => p);
    t.ok(want.length > 0);
    const m = startConnectors({ store, config, checkpointsPath });
    t.teardown(() => m.close());
    await waitUntil(
      () => m.stats()[0]!.checkpoint === positions[positions.length - 1],
      'the checkpoint to reach the head',
    );
    t.same(
      [...hec.received.counts.keys()].sort((a, b) => a - b),
      want,
    );
    t.equal(hec.received.duplicates, 0);
    const line = hec.events[0]!.event as string;
    t.match(line, /^CEF:0\|audit-ledger\|audit-ledger\|[^|]+\|(command_blocked|approval_denied)\|/);
    t.equal(hec.events[0]!.sourcetype, 'audit-ledger:cef');
  },
);

void t.test(
  'startAt "end": a new connector skips the backlog, and remembers where it started',
  async (t) => {
    const { store, checkpointsPath } = openTempStore(t);
    const hook = createWebhookReceiver(WEBHOOK_SECRET);
    await hook.start();
    t.teardown(() => hook.kill());
    await appendAll(store, trafficEvents('acme', 100, 81));
    const config = parseConnectorsConfig({
      connectors: [
        {
          name: 'tail',
          type: 'webhook',
          url: `${hook.url}/`,
          secret: WEBHOOK_SECRET,
          startAt: 'end',
        },
      ],
    });
    const m = startConnectors({ store, config, checkpointsPath });
    await waitUntil(() => m.stats()[0]!.checkpoint === 99, 'the start position to be recorded');
    await m.close();
    // events that arrive while it is stopped are not skipped on the next start
    const later = await appendAll(store, trafficEvents('acme', 50, 82));
    const m2 = startConnectors({ store, config, checkpointsPath });
    t.teardown(() => m2.close());
    await waitUntil(() => hook.received.distinct >= 50, 'the later events');
    await new Promise((r) => setTimeout(r, 100));
    t.same([...hook.received.counts.keys()], later, 'only events after the start, each once');
  },
);
