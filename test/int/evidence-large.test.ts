/**
 * A large package streams: 200,000 matching events on a real ledger, built
 * and verified while the heap retained after a full GC stays within a fixed
 * bound (an implementation that held the events, lines or proofs in memory
 * would need hundreds of MB). Prints build and verify times.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import t from 'tap';
import type { ledger } from '../../proto/generated/ledger.js';
import { buildEvidencePackage } from '../../ledger/evidence/builder.js';
import { parseEvidenceRequest } from '../../ledger/evidence/query.js';
import { verifyEvidencePackage } from '../../ledger/evidence/verify.js';
import { uuidv7 } from '../../ledger/events/uuid.js';
import { simulatedEvents, startEvidenceLedger } from '../support/evidence-ledger.js';

const EVENTS = Number(process.env.EVIDENCE_LARGE_EVENTS ?? 200_000);
/** Retained heap growth allowed while building or verifying. */
const HEAP_BOUND = 96 * 1024 * 1024;
const DAY = 86_400_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const retained = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};

/** `n` events that all match the controls below: simulated traffic without plain commands, re-stamped. */
function matchingEvents(n: number): ledger.v1.IAuditEvent[] {
  const base = simulatedEvents('acme', 30_000, Date.UTC(2026, 6, 1), 20_000, 7).filter(
    (e) => e.commandExecuted == null,
  );
  const out: ledger.v1.IAuditEvent[] = [];
  for (let round = 0; out.length < n; round++) {
    for (const e of base) {
      if (out.length >= n) break;
      const s = Number(e.occurredAt?.seconds ?? 0) + round * (DAY / 1000);
      out.push({
        ...e,
        eventId: uuidv7(),
        sessionId: `${e.sessionId}-${round}`,
        occurredAt: { seconds: s, nanos: e.occurredAt?.nanos ?? 0 },
      });
    }
  }
  return out;
}

t.setTimeout(900_000);

void t.test(`a package of ${EVENTS} events is built and verified in bounded memory`, async (t) => {
  const l = await startEvidenceLedger(t);
  const events = matchingEvents(EVENTS);
  await l.ingest(events);
  events.length = 0;
  await l.settle();
  const query = parseEvidenceRequest(
    { controls: ['5.15', '8.2', '8.3', '5.16'], from: '2026-07-01', to: '2026-12-31' },
    'acme',
    'auditor',
  );
  const path = join(l.dataDir, 'large.evidence');

  const before = retained();
  let peak = 0;
  let started = Date.now();
  const built = await buildEvidencePackage(query, {
    source: l.source,
    signer: l.signer,
    output: path,
    progressEvery: 20_000,
    onProgress: (p) => {
      if (p.phase === 'events') peak = Math.max(peak, retained() - before);
    },
  });
  const buildMs = Date.now() - started;
  peak = Math.max(peak, retained() - before);
  t.ok(built.events >= EVENTS * 0.95, `${built.events} events in the package`);
  t.ok(
    peak < HEAP_BOUND,
    `build: retained heap grew ${(peak / 1048576).toFixed(1)} MiB (bound ${HEAP_BOUND / 1048576} MiB)`,
  );

  const beforeVerify = retained();
  let vpeak = 0;
  started = Date.now();
  const verified = await verifyEvidencePackage(path, {
    keys: [l.verifierKey],
    onProgress: (n) => {
      if (n % 50_000 === 0) vpeak = Math.max(vpeak, retained() - beforeVerify);
    },
  });
  const verifyMs = Date.now() - started;
  t.same(verified.problems, []);
  t.equal(verified.eventsVerified, built.events);
  t.ok(vpeak < HEAP_BOUND, `verify: retained heap grew ${(vpeak / 1048576).toFixed(1)} MiB`);
  t.comment(
    `${built.events} events, ${(built.bytes / 1048576).toFixed(1)} MiB: built in ${buildMs} ms, verified in ${verifyMs} ms (with GCs for the measurement)`,
  );
});
