/**
 * `serve` as one process: ingest → sequencer → projections (worker thread) →
 * query API → evidence API (package verified offline) → archiver (a bundle in
 * the directory target, anchored by a BundleArchived event) — all through the
 * real startLedger wiring. And each part can be switched off.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { verifyEvidencePackage } from '../../ledger/evidence/verify.js';
import { simulatedEvents } from '../support/evidence-ledger.js';
import {
  encodeBatch,
  postEvents,
  readAllEvents,
  startTestLedger,
} from '../support/ledger-server.js';
import type { TestLedger } from '../support/ledger-server.js';

const JULY = Date.UTC(2026, 6, 1);

async function getJson(
  l: TestLedger,
  path: string,
  token: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${l.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

void t.test('serve wires projections, query, evidence and archive together', async (t) => {
  const l = await startTestLedger(t, {
    LEDGER_ARCHIVE: 'directory', // serve's default
    LEDGER_ARCHIVE_BUNDLE_ENTRIES: '500',
    LEDGER_ARCHIVE_POLL_MS: '50',
    LEDGER_CHECKPOINT_INTERVAL_MS: '50',
    LEDGER_STREAM_THREADS: '1',
  });
  t.ok(l.projections, 'projections run by default');
  t.ok(l.archiver, 'the archiver runs by default (directory target)');
  const acme = simulatedEvents('acme', 1500, JULY, 3_000_000, 3);
  const globex = simulatedEvents('globex', 300, JULY, 3_000_000, 4);
  for (const [tenant, events] of [
    ['acme', acme],
    ['globex', globex],
  ] as const) {
    for (let i = 0; i < events.length; i += 500) {
      const res = await postEvents(
        l.url,
        l.token(`gw-${tenant}`, tenant),
        encodeBatch(events.slice(i, i + 500)),
        'application/x-protobuf',
        '?wait=checkpoint',
      );
      t.equal(res.status, 200, `ingest ${tenant} ${i}`);
    }
  }
  const head = await l.store.head();
  await l.projections!.runner.waitFor(head, 30_000);

  const auditor = l.token('alice', 'acme', ['ledger:read']);
  const sessions = await getJson(
    l,
    '/v1/sessions?resource=payments-db&privileged=true&from=2026-07-01&to=2026-10-01&include=approvals&limit=500',
    auditor,
  );
  t.equal(sessions.status, 200);
  const items = sessions.body.items as {
    tenant_id: string;
    privileged: boolean;
    resource: { name: string };
    approvals: unknown[];
  }[];
  t.ok(items.length > 0, 'privileged payments-db sessions found');
  t.ok(
    items.every((s) => s.tenant_id === 'acme' && s.privileged && s.resource.name === 'payments-db'),
    'every session matches the filters and the token tenant',
  );
  t.ok(
    items.every((s) => Array.isArray(s.approvals)),
    'include=approvals adds the approvals',
  );
  const bad = await getJson(l, '/v1/sessions?privileged=maybe', auditor);
  t.equal(bad.status, 400);
  t.match(JSON.stringify(bad.body), /privileged/, 'the 400 names the parameter');
  const docs = await fetch(`${l.url}/docs/json`);
  t.equal(docs.status, 200, 'OpenAPI served');

  // the SIEM stream, read and formatted on a reader thread
  const abort = new AbortController();
  const stream = await fetch(`${l.url}/v1/stream?format=json&mode=ndjson&after=-1`, {
    headers: { authorization: `Bearer ${l.token('siem', 'acme', ['ledger:stream'])}` },
    signal: abort.signal,
  });
  t.equal(stream.status, 200);
  const lines: string[] = [];
  let rest = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts.filter((x) => x !== ''));
    if (lines.length >= acme.length) break;
  }
  abort.abort();
  const records = lines.map((x) => JSON.parse(x) as { tenant?: string; position?: number });
  t.equal(records.length, acme.length, "every one of the tenant's events streamed");
  t.ok(
    records.every((r) => r.tenant === 'acme'),
    'only the token tenant',
  );

  // evidence through the API
  const posted = await getJson(l, '/v1/evidence', auditor, {
    method: 'POST',
    body: JSON.stringify({ controls: ['A.9.2.3'], from: '2026-07-01', to: '2026-09-30' }),
  });
  t.equal(posted.status, 202);
  const id = posted.body.id as string;
  let status = posted.body.status as string;
  for (let i = 0; i < 300 && status !== 'done' && status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await getJson(l, `/v1/evidence/${id}/status`, auditor)).body.status as string;
  }
  t.equal(status, 'done', 'the job finished');
  const pkg = await fetch(`${l.url}/v1/evidence/${id}`, {
    headers: { authorization: `Bearer ${auditor}` },
  });
  t.equal(pkg.status, 200);
  const file = join(l.dataDir, 'downloaded.evidence');
  writeFileSync(file, new Uint8Array(await pkg.arrayBuffer()));
  const result = await verifyEvidencePackage(file, { keys: [l.log!.verifierKey] });
  t.equal(result.problemCount, 0, 'the package verifies with the public key alone');
  t.ok(result.ok);
  t.ok(result.events > 0, 'the package holds events');
  t.equal(result.query?.tenant, 'acme');
  const other = await getJson(
    l,
    `/v1/evidence/${id}/status`,
    l.token('bob', 'globex', ['ledger:read']),
  );
  t.equal(other.status, 404, 'another tenant cannot see the job');

  // the archiver sealed bundles into the directory target and anchored them in the log
  await l.log!.sequencer.checkpointNow();
  const round = await l.archiver!.archiver.runOnce({ force: true });
  t.ok(round, 'an archive round ran');
  const bundles = await l.archiver!.progress.bundles(0, 100);
  t.ok(bundles.length >= 3, `bundles sealed (${bundles.length})`);
  t.equal(bundles[0]?.first, 0, 'the first bundle starts at leaf 0');
  for (let i = 1; i < bundles.length; i++) {
    t.equal(bundles[i]?.first, bundles[i - 1]?.end, `bundle ${i} continues the chain`);
  }
  const files = readdirSync(join(l.dataDir, 'archive'), { recursive: true }).map(String);
  t.ok(
    bundles.every((b) => files.some((f) => f.endsWith(b.key.split('/').pop()!))),
    'every recorded bundle is a file in the archive directory',
  );
  const metrics = await (await fetch(`${l.url}/metrics`)).text();
  const leaves = /^ledger_archive_leaves (\d+)$/m.exec(metrics)?.[1];
  t.equal(Number(leaves), bundles.at(-1)?.end, 'the archive metric shows the end of the chain');
  t.match(metrics, /^ledger_projection_lag_events\{projection="sessions"\} \d+$/m);
  t.match(metrics, /^ledger_sequencer_tree_size \d+$/m);
  const all = await readAllEvents(l.store);
  t.ok(
    all.some((e) => e.type === 'bundle_archived'),
    'BundleArchived events are in the log',
  );
  t.ok(
    all.some((e) => e.type === 'evidence_exported'),
    'the export is recorded as EvidenceExported',
  );
});

void t.test('each part can be switched off', async (t) => {
  const l = await startTestLedger(t, { LEDGER_PROJECTIONS: 'false', LEDGER_ARCHIVE: 'off' });
  t.equal(l.projections, null);
  t.equal(l.archiver, null);
  const auditor = l.token('alice', 'acme', ['ledger:read']);
  const res = await fetch(`${l.url}/v1/sessions`, {
    headers: { authorization: `Bearer ${auditor}` },
  });
  t.equal(res.status, 404, 'no query API without projections');
  t.equal(readdirSync(l.dataDir).includes('views.db'), false, 'no views.db written');
});

void t.test('a bad control mapping file stops start-up naming the variable', async (t) => {
  await t.rejects(
    startTestLedger(t, { LEDGER_CONTROL_MAPPING_FILE: '/nonexistent/mapping.json' }),
    { code: 'LDG_ERR_CONFIG' },
  );
});
