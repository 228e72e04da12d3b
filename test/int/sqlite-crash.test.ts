/**
 * Crash safety of the SQLite store: a writer process is killed with SIGKILL at
 * a random moment, several times over the same file. After each crash the file
 * must hold every acknowledged batch exactly once, no batch in part, and dense
 * positions. (SIGKILL loses the process, not the OS page cache: this proves
 * atomic batches and acknowledge-after-commit; power-loss durability rests on
 * synchronous=FULL, which the store's open asserts.)
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { START } from '../../ledger/store/event-store.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';

const ROUNDS = 3;

interface Round {
  /** batch → its event ids, for every batch the writer started */
  readonly begun: Map<string, string[]>;
  readonly acked: Set<string>;
}

/** Runs the writer until `acksBeforeKill` batches were acknowledged plus a random delay, then SIGKILLs it. */
function crashWriter(path: string, acksBeforeKill: number): Promise<Round> {
  const self = fileURLToPath(import.meta.url);
  const ext = self.endsWith('.ts') ? '.ts' : '.js';
  const fixture = fileURLToPath(new URL(`../fixtures/sqlite-crash-writer${ext}`, import.meta.url));
  const begun = new Map<string, string[]>();
  const acked = new Set<string>();
  return new Promise((resolve, reject) => {
    // process.execArgv carries the TypeScript loader tap runs this test with
    const child = spawn(process.execPath, [...process.execArgv, fixture, path, '4'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    let killScheduled = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      // a line cut by the kill has no newline yet: keep it out
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, batch, ids] = line.split(' ');
        if (kind === 'B' && batch !== undefined && ids !== undefined)
          begun.set(batch, ids.split(','));
        else if (kind === 'A' && batch !== undefined) acked.add(batch);
      }
      if (!killScheduled && acked.size >= acksBeforeKill) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), randomInt(0, 50));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ begun, acked });
      else
        reject(
          new Error(`writer exited by itself: code ${String(code)}, signal ${String(signal)}`),
        );
    });
  });
}

void t.test('SIGKILL at random moments loses no acknowledged batch and tears none', async (t) => {
  const path = join(t.testdir(), 'crash.db');
  const everBegun = new Map<string, string[]>();
  const everAcked = new Set<string>();
  for (let round = 1; round <= ROUNDS; round++) {
    const { begun, acked } = await crashWriter(path, randomInt(20, 400));
    for (const [k, v] of begun) everBegun.set(k, v);
    for (const k of acked) everAcked.add(k);
    t.ok(acked.size > 0, `round ${round}: ${acked.size} batches acknowledged before the kill`);

    const store = openSqliteEventStore({ path });
    const stored: StoredEvent[] = [];
    for (let after = START; ;) {
      const page = await store.read({ after, limit: 5000 });
      const last = page.at(-1);
      if (last === undefined) break;
      stored.push(...page);
      after = last.position;
    }
    await store.close();

    const count = new Map<string, number>();
    for (const s of stored) count.set(s.eventId, (count.get(s.eventId) ?? 0) + 1);
    t.ok(
      [...count.values()].every((n) => n === 1),
      `round ${round}: every stored event once`,
    );
    t.ok(
      stored.every((s, i) => s.position === i),
      `round ${round}: positions dense from 0 (${stored.length} events)`,
    );
    const missing = [...everAcked].filter((b) =>
      (everBegun.get(b) ?? ['?']).some((id) => count.get(id) !== 1),
    );
    t.same(missing, [], `round ${round}: every acknowledged batch is stored`);
    const torn = [...everBegun].filter(([, ids]) => {
      const present = ids.filter((id) => count.has(id)).length;
      return present !== 0 && present !== ids.length;
    });
    t.same(torn, [], `round ${round}: no batch is partly stored`);
    const known = new Set([...everBegun.values()].flat());
    t.ok(
      stored.every((s) => known.has(s.eventId)),
      `round ${round}: nothing stored that no writer started`,
    );
    const inFlight = [...begun].filter(([b]) => !acked.has(b));
    const committed = inFlight.filter(([, ids]) => count.has(ids[0] ?? '')).length;
    t.comment(
      `round ${round}: ${inFlight.length} batches in flight at the kill, ${committed} of them committed`,
    );
  }
  const db = openLedgerDatabase(path);
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'the file passes integrity_check');
  db.close();
});
