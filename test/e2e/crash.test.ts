import t from 'tap';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { ensureDevSecret, mintToken } from '../../services/auth.js';
import {
  encodeBatch,
  makeEvents,
  postEvents,
  readAllEvents,
  tempDir,
} from '../support/ledger-server.js';
import { killHard, spawnLedger } from '../support/spawn-ledger.js';

void t.test(
  'kill -9 while many clients write: acknowledged events survive exactly once, batches are whole',
  async (t) => {
    const dataDir = tempDir();
    const secret = ensureDevSecret(dataDir);
    const server = await spawnLedger({ LEDGER_DATA_DIR: dataDir });
    t.teardown(() => killHard(server.child));

    const acked = new Set<string>();
    const batches: string[][] = [];
    let stop = false;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      const gw = `gw-${c}`;
      const token = mintToken({
        secret,
        subject: gw,
        tenant: 'acme',
        scopes: ['ledger:write'],
        audience: 'audit-ledger',
        ttlSeconds: 600,
      });
      for (let i = 0; !stop; i++) {
        const events = makeEvents(gw, 'acme', 20, c * 100_000 + i);
        batches.push(events.map((e) => e.eventId!));
        try {
          const res = await postEvents(server.url, token, encodeBatch(events));
          if (res.status === 200) for (const r of res.body.results ?? []) acked.add(r.event_id);
        } catch {
          return; // the server died mid-request: this batch is unacknowledged
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    await killHard(server.child);
    stop = true;
    await Promise.all(clients);
    t.ok(acked.size > 100, `clients got ${acked.size} acknowledgements before the crash`);

    const store = openSqliteEventStore({ path: `${dataDir}/ledger.db` });
    t.teardown(() => store.close());
    const stored = await readAllEvents(store);
    const count = new Map<string, number>();
    for (const s of stored) count.set(s.eventId, (count.get(s.eventId) ?? 0) + 1);
    t.ok(
      [...count.values()].every((n) => n === 1),
      'no event is stored twice',
    );
    t.ok(
      [...acked].every((id) => count.get(id) === 1),
      'every acknowledged event is present',
    );
    const partial = batches.filter((b) => {
      const present = b.filter((id) => count.has(id)).length;
      return present !== 0 && present !== b.length;
    });
    t.equal(partial.length, 0, 'no batch is half-written');
    t.same(
      stored.map((s) => s.position),
      Array.from({ length: stored.length }, (_, i) => i),
      'positions stay dense after recovery',
    );
  },
);
