/**
 * Crash safety of the projections: a projector process is killed with SIGKILL
 * in the middle of a batch (inside its transaction, before COMMIT), several
 * times over the same views file. After each crash every checkpoint stands at
 * the last committed batch, and once a restarted projector has caught up the
 * rows equal those of a clean run: no effect lost, none doubled.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import t from 'tap';
import { START } from '../../ledger/store/event-store.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import {
  createProjectionRunner,
  loadControlMapping,
  openSqliteViewStore,
  positionIsLeafIndex,
} from '../../projections/index.js';
import { makeEvents } from '../support/ledger-server.js';
import { newEvents, projectionTempDir } from '../support/projection-spec.js';
import { dumpViews } from '../support/projection-views.js';

const EVENTS = 6000;
const ROUNDS = 4;

interface Crash {
  /** Last position committed before the kill (START if none). */
  readonly committed: number;
  /** Last position of the batch killed mid-transaction (undefined if killed between batches). */
  readonly torn: number | undefined;
}

/**
 * Runs the projector; after `commits` committed batches, kills it on the next
 * `T` line (mid-transaction) or, with `randomly`, after a random delay.
 */
function crashProjector(
  ledgerPath: string,
  viewsPath: string,
  commits: number,
  randomly: boolean,
): Promise<Crash> {
  const self = fileURLToPath(import.meta.url);
  const ext = self.endsWith('.ts') ? '.ts' : '.js';
  const fixture = fileURLToPath(
    new URL(`../fixtures/projection-crash-child${ext}`, import.meta.url),
  );
  return new Promise((resolve, reject) => {
    // process.execArgv carries the TypeScript loader tap runs this test with
    const child = spawn(
      process.execPath,
      [...process.execArgv, fixture, ledgerPath, viewsPath, '150', '40'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let buffered = '';
    let committed = START;
    let seen = 0;
    let torn: number | undefined;
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, pos] = line.split(' ');
        if (killed) continue;
        if (kind === 'C') {
          committed = Number(pos);
          seen++;
          if (randomly && seen === commits) setTimeout(kill, randomInt(0, 60));
        } else if (kind === 'T' && !randomly && seen >= commits) {
          torn = Number(pos);
          kill();
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ committed, torn });
      else
        reject(
          new Error(`projector exited by itself: code ${String(code)}, signal ${String(signal)}`),
        );
    });
  });
}

void t.test('SIGKILL mid-batch loses and doubles no effect', async (t) => {
  const dir = projectionTempDir(t);
  const ledgerPath = join(dir, 'ledger.db');
  const viewsPath = join(dir, 'views.db');
  const store = openSqliteEventStore({ path: ledgerPath });
  const events = [
    ...makeEvents('gw-a', 'acme', EVENTS / 2, 61),
    ...makeEvents('gw-g', 'globex', EVENTS / 2, 62),
  ];
  for (let i = 0; i < events.length; i += 500)
    await store.append(newEvents(events.slice(i, i + 500)));
  await store.close();

  let previous = START;
  for (let round = 1; round <= ROUNDS; round++) {
    const randomly = round === ROUNDS;
    const crash = await crashProjector(ledgerPath, viewsPath, randomInt(1, 4), randomly);
    t.ok(
      crash.committed > previous,
      `round ${round}: progress to ${crash.committed} before the kill`,
    );
    if (!randomly)
      t.ok(
        crash.torn !== undefined && crash.torn > crash.committed,
        `round ${round}: killed inside the batch ending at ${crash.torn}`,
      );
    const views = openSqliteViewStore({ path: viewsPath, mapping: loadControlMapping() });
    const cps = [...(await views.checkpoints()).values()];
    await views.close();
    // lines still in the pipe at a random kill are not read: then the last commit may be later than seen
    const atLastCommit = (p: number): boolean =>
      randomly ? p >= crash.committed : p === crash.committed;
    t.ok(
      cps.every((c) => c.position === cps[0]!.position && atLastCommit(c.position)),
      `round ${round}: every checkpoint at the last committed batch (${cps.map((c) => c.position).join(', ')})`,
    );
    t.ok(
      cps.every((c) => c.applied === c.position + 1),
      `round ${round}: applied counts match the checkpoints`,
    );
    previous = cps[0]!.position;
  }

  // restart and finish in-process, then compare with a clean run over the same store
  const reopened = openSqliteEventStore({ path: ledgerPath });
  t.teardown(() => reopened.close());
  const crashed = openSqliteViewStore({ path: viewsPath, mapping: loadControlMapping() });
  await createProjectionRunner({
    store: reopened,
    views: crashed,
    leafIndexOf: positionIsLeafIndex,
  }).catchUp();
  await crashed.close();
  const clean = openSqliteViewStore({ path: join(dir, 'clean.db'), mapping: loadControlMapping() });
  await createProjectionRunner({
    store: reopened,
    views: clean,
    leafIndexOf: positionIsLeafIndex,
  }).catchUp();
  await clean.close();
  t.same(
    dumpViews(viewsPath),
    dumpViews(join(dir, 'clean.db')),
    'rows after crashes and restart equal a clean run',
  );
  const db = new Database(viewsPath, { readonly: true });
  t.equal(
    db.pragma('integrity_check', { simple: true }),
    'ok',
    'the views file passes integrity_check',
  );
  db.close();
});
