/**
 * The built CLI (`node dist/services/cli.js`) on a data directory a stopped
 * ledger left behind: rebuild, sessions, evidence and verify, with their exit
 * codes and messages for bad usage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { simulatedEvents } from '../support/evidence-ledger.js';
import { encodeBatch, postEvents, startTestLedger } from '../support/ledger-server.js';
import { CLI } from '../support/spawn-ledger.js';

function cli(
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LEDGER_ARCHIVE: 'off', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

void t.test('rebuild, sessions, evidence and verify from the command line', async (t) => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (scripts/test does)`);
  const l = await startTestLedger(t, { LEDGER_ARCHIVE: 'off' });
  const events = simulatedEvents('acme', 800, Date.UTC(2026, 6, 1), 3_000_000, 5);
  const res = await postEvents(
    l.url,
    l.token('gw-acme', 'acme'),
    encodeBatch(events.slice(0, 800)),
    'application/x-protobuf',
    '?wait=checkpoint',
  );
  t.equal(res.status, 200);
  const verifierKey = l.log!.verifierKey;
  await l.close();
  const data = ['--data', l.dataDir];

  const rebuilt = cli(['rebuild', ...data]);
  t.equal(rebuilt.code, 0, rebuilt.err);
  t.match(
    rebuilt.err,
    /rebuild: events, sessions, approvals, summaries: 801 events/,
    '800 events and a CheckpointSigned',
  );
  const one = cli(['rebuild', '--projection', 'sessions', ...data]);
  t.equal(one.code, 0, one.err);
  t.match(one.err, /rebuild: sessions: 801 events/);
  const unknown = cli(['rebuild', '--projection', 'nope', ...data]);
  t.equal(unknown.code, 1);
  t.match(unknown.err, /LDG_ERR_VALIDATION.*projection/);

  const sessions = cli([
    'sessions',
    '--tenant',
    'acme',
    '--resource',
    'payments-db',
    '--privileged',
    '--from',
    '2026-07-01',
    '--to',
    '2026-10-01',
    '--approvals',
    ...data,
  ]);
  t.equal(sessions.code, 0, sessions.err);
  t.match(sessions.out, /^sessions: tenant acme, resource payments-db, privileged/);
  const lines = sessions.out.split('\n').filter((x) => /^\d{4}-/.test(x));
  t.ok(lines.length > 0, 'sessions listed');
  t.ok(
    lines.every((x) => x.includes(' on payments-db (privileged')),
    'each listed session is a privileged payments-db session',
  );
  t.match(sessions.out, new RegExp(`\\n${lines.length} sessions?\\n$`));
  const json = cli(['sessions', '--tenant', 'acme', '--json', '--limit', '3', ...data]);
  t.equal(json.code, 0, json.err);
  const rows = json.out
    .trim()
    .split('\n')
    .map((x) => JSON.parse(x) as { tenant_id: string });
  t.equal(rows.length, 3);
  t.ok(rows.every((r) => r.tenant_id === 'acme'));
  const noTenant = cli(['sessions', ...data]);
  t.equal(noTenant.code, 2);
  t.match(noTenant.err, /--tenant is required/);
  const badPeriod = cli(['sessions', '--tenant', 'acme', '--period', 'soon', ...data]);
  t.equal(badPeriod.code, 1);
  t.match(badPeriod.err, /period: must be/);

  const file = join(l.dataDir, 'q3.evidence');
  const built = cli([
    'evidence',
    '--control',
    'A.9.2.3',
    '--from',
    '2026-07-01',
    '--to',
    '2026-09-30',
    '--tenant',
    'acme',
    '--requester',
    'carol',
    '-o',
    file,
    ...data,
  ]);
  t.equal(built.code, 0, built.err);
  t.match(built.out, /q3\.evidence {2}\d+ events/);
  const verified = cli(['verify', file, '--key', verifierKey]);
  t.equal(verified.code, 0, verified.err);
  t.match(verified.out, /evidence package VERIFIED/);
  t.match(verified.out, /controls {3}A\.9\.2\.3 \(2022: 8\.2\)/);
  const wrongFlag = cli(['verify', file, '--key', verifierKey, '--origin', 'x']);
  t.equal(wrongFlag.code, 2);
  t.match(wrongFlag.err, /--origin does not apply to an evidence package/);

  // an edited package fails and names what is wrong
  const bytes = readFileSync(file);
  const at = bytes.indexOf(Buffer.from('payments-db'));
  t.ok(at > 0);
  bytes.write('payments-dc', at);
  const edited = join(l.dataDir, 'edited.evidence');
  writeFileSync(edited, bytes);
  const failed = cli(['verify', edited, '--key', verifierKey]);
  t.equal(failed.code, 1);
  t.match(failed.err, /^FAIL /m);
  t.match(failed.out, /evidence package FAILED/);
});

void t.test('rebuild on a directory that holds no ledger', async (t) => {
  const r = cli(['rebuild', '--data', '/nonexistent-audit-ledger-dir']);
  t.equal(r.code, 2);
  t.match(r.err, /ledger\.db does not exist: not a data directory/);
});
