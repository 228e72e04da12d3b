/**
 * The projections' CLI commands on a real data directory: `rebuild` with its
 * progress bar, and `sessions` answering the auditor's question read-only.
 */
import { join } from 'node:path';
import t from 'tap';
import { ledger } from '../../proto/generated/ledger.js';
import { timestampFromMs } from '../../ledger/events/index.js';
import type { ValidationError } from '../../ledger/errors.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { runRebuildCommand, runSessionsCommand } from '../../services/query/cli-commands.js';
import { parsePeriod } from '../../services/query/params.js';
import { makeEvent } from '../support/event-factory.js';
import { makeEvents } from '../support/ledger-server.js';
import { newEvents, projectionTempDir } from '../support/projection-spec.js';
import { dumpViews } from '../support/projection-views.js';

class Capture {
  text = '';
  constructor(readonly isTTY = false) {}
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

void t.test('rebuild, then the sessions question, from a data directory', async (t) => {
  const dataDir = projectionTempDir(t);
  const store = openSqliteEventStore({ path: join(dataDir, 'ledger.db') });
  t.teardown(() => store.close());
  const q = parsePeriod('last-quarter', Date.now())!;
  const at = (ms: number) => ({ occurredAt: timestampFromMs(ms) });
  const privileged = {
    protocol: 'postgres',
    accessMode: ledger.v1.SessionOpened.AccessMode.JIT,
    grantId: 'g',
    mfa: true,
    privileged: true,
  };
  await store.append(
    newEvents([
      makeEvent('session_opened', {
        ...at(q.from + 1000),
        sessionId: 'priv-1',
        sessionOpened: privileged,
      }),
      makeEvent('approval_requested', { ...at(q.from + 2000), sessionId: 'priv-1' }),
      makeEvent('approval_granted', { ...at(q.from + 3000), sessionId: 'priv-1' }),
      makeEvent('session_opened', { ...at(q.from + 4000), sessionId: 'plain-1' }),
    ]),
  );
  await store.append(newEvents(makeEvents('gw-1', 'acme', 3000, 9)));

  const progress = new Capture();
  const result = await runRebuildCommand({ store, storeKind: 'sqlite', dataDir, progress });
  t.equal(result.events, 3004);
  t.match(
    progress.text,
    /rebuild events,sessions,approvals,summaries \[#{30}\] 100% 3,004\/3,004 events/,
  );
  t.match(
    progress.text,
    /rebuild: events, sessions, approvals, summaries: 3,004 events in [\d.]+ s .* up to position 3003\n$/,
  );
  const once = dumpViews(join(dataDir, 'views.db'));

  const tty = new Capture(true);
  const again = await runRebuildCommand({
    store,
    storeKind: 'sqlite',
    dataDir,
    projection: 'approvals',
    progress: tty,
  });
  t.same(again.projections, ['approvals']);
  t.match(tty.text, /\rrebuild approvals \[#+\] 100%/);
  t.same(dumpViews(join(dataDir, 'views.db')), once, 'a rebuild gives the same rows');
  const bad = await runRebuildCommand({
    store,
    storeKind: 'sqlite',
    dataDir,
    projection: 'nope',
    progress,
  }).catch((e: unknown) => e);
  t.equal((bad as ValidationError).code, 'LDG_ERR_VALIDATION');

  const out = new Capture();
  const n = await runSessionsCommand({
    dataDir,
    tenant: 'acme',
    resource: 'payments-db',
    privileged: true,
    period: 'last-quarter',
    approvals: true,
    out,
  });
  t.equal(n, 1);
  t.match(
    out.text,
    /^sessions: tenant acme, resource payments-db, privileged, from .* \(views as of position 3003\)\n/,
  );
  t.match(
    out.text,
    /priv-1 +00u1abcd2EFGH3ijk4x7 <ada@example\.com> on payments-db \(privileged, mfa, JIT\) +OPEN/,
  );
  t.match(out.text, /approval apr-77 \(bulk_delete\) asked .* by 00u1abcd2EFGH3ijk4x7: GRANTED\n/);
  t.match(
    out.text,
    /GRANTED by 00u9zyxw8VUTS7rqp6 \(dba-leads\) at .* \[position 2, leaf 2\]: ok for INC-1234\n/,
  );
  t.match(out.text, /\n1 session\n$/);

  const json = new Capture();
  await runSessionsCommand({
    dataDir,
    tenant: 'acme',
    resource: 'payments-db',
    privileged: true,
    period: 'last-quarter',
    approvals: true,
    json: true,
    out: json,
  });
  const rows = json.text
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          session_id: string;
          approvals: { decisions: { leaf_index: number }[] }[];
        },
    );
  t.same(
    rows.map((r) => r.session_id),
    ['priv-1'],
  );
  t.equal(rows[0]?.approvals[0]?.decisions[0]?.leaf_index, 2);

  const badWindow = await runSessionsCommand({
    dataDir,
    tenant: 'acme',
    from: 'yesterday',
    period: 'soon',
    out,
  }).catch((e: unknown) => e);
  t.same(
    (badWindow as ValidationError).issues.map((i) => i.path),
    ['period', 'period'],
  );
  const noViews = await runSessionsCommand({
    dataDir: join(dataDir, 'empty'),
    tenant: 'acme',
    out,
  }).catch((e: unknown) => e);
  t.equal((noViews as { code: string }).code, 'LDG_ERR_STORE_UNAVAILABLE');
});
