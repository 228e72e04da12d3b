/**
 * Reading back the events a view points at. Read models keep positions, not
 * bytes: the log stays the single copy of every event, and what a query
 * returns is exactly what the Merkle proofs cover.
 */
import type { EventStore, StoredEvent } from '../ledger/store/event-store.js';

/**
 * The stored events at `positions` (any order, duplicates allowed), by
 * position. Runs of consecutive positions are read with one `read` each, so a
 * session timeline or a page of a busy actor costs few round trips. A position
 * the store does not hold is simply absent from the result.
 */
export async function loadStoredEvents(
  store: EventStore,
  positions: readonly number[],
): Promise<Map<number, StoredEvent>> {
  const out = new Map<number, StoredEvent>();
  const wanted = new Set(positions);
  const sorted = [...wanted].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] as number;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === first + (j - i)) j++;
    const page = await store.read({ after: first - 1, limit: j - i });
    // a sparse store (EventStoreDB) returns what follows first - 1: keep what was asked only
    for (const e of page) if (wanted.has(e.position)) out.set(e.position, e);
    for (let k = i; k < j && j - i > 1; k++) {
      const p = sorted[k] as number;
      if (!out.has(p)) {
        const [one] = await store.read({ after: p - 1, limit: 1 });
        if (one !== undefined && one.position === p) out.set(p, one);
      }
    }
    i = j;
  }
  return out;
}
