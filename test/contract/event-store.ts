/**
 * The EventStore contract: one suite every adapter's test calls with a factory
 * for a fresh, empty store (SQLite always, EventStoreDB when a server is
 * configured). Tests are written Given / When / Then, assert on error codes and
 * data, never on messages, and assume nothing an adapter is free to choose:
 * positions increase but need not be dense nor start at 0.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import { isLedgerError } from '../../ledger/errors.js';
import type { ValidationError } from '../../ledger/errors.js';
import { START } from '../../ledger/store/event-store.js';
import type { EventStore, NewEvent, StoredEvent } from '../../ledger/store/event-store.js';

/** Returns a new, empty store; the contract closes it. */
export type EventStoreFactory<S extends EventStore> = () => S | Promise<S>;

export interface EventStoreContractOptions<S extends EventStore> {
  /**
   * How many events the store has fetched from its backend for subscriptions so
   * far, when it can count them; lets the contract prove a subscription reads
   * lazily instead of buffering ahead of a consumer that does not pull.
   */
  readonly subscriptionReadAhead?: (store: S) => number;
}

/** A valid event; any field can be overridden. */
export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    tenantId: 'acme',
    sessionId: 'sess-1',
    type: 'command_executed',
    data: randomBytes(48),
    ...overrides,
  };
}

/** `count` valid events of one session. */
export function newEvents(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, () => newEvent(overrides));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The error's code when it is a LedgerError, else a marker that fails the assertion. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isLedgerError(error) ? error.code : `not a LedgerError: ${String(error)}`;
  }
}

/** Everything after `after`, read page by page. */
async function readAll(store: EventStore, after: number = START): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.read({ after: cursor, limit: 100 });
    const last = page.at(-1);
    if (last === undefined) return all;
    all.push(...page);
    cursor = last.position;
  }
}

/** Pulls batches until `count` events arrived; fails after `timeoutMs`. */
async function take(
  iterator: AsyncIterator<StoredEvent[]>,
  count: number,
  timeoutMs = 10_000,
): Promise<StoredEvent[][]> {
  const batches: StoredEvent[][] = [];
  let received = 0;
  const deadline = Date.now() + timeoutMs;
  while (received < count) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    const next = await Promise.race([iterator.next(), timeout]);
    clearTimeout(timer);
    if (next === 'timeout') throw new Error(`timed out with ${received} of ${count} events`);
    if (next.done === true) throw new Error(`subscription ended after ${received} of ${count}`);
    batches.push(next.value);
    received += next.value.length;
  }
  return batches;
}

/** Resolves with the iterator's next result, or 'pending' if none came within `ms`. */
async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), ms);
  });
  const result = await Promise.race([promise, pending]);
  clearTimeout(timer);
  return result;
}

function isIncreasing(positions: readonly number[]): boolean {
  return positions.every((p, i) => i === 0 || p > (positions[i - 1] as number));
}

/**
 * Runs the EventStore contract as a subtest `name` of `t`. `factory` must give a
 * new, empty store each call.
 */
export async function eventStoreContract<S extends EventStore>(
  t: Test,
  name: string,
  factory: EventStoreFactory<S>,
  options: EventStoreContractOptions<S> = {},
): Promise<void> {
  const open = async (t: Test): Promise<S> => {
    const store = await factory();
    t.teardown(() => store.close());
    return store;
  };

  await t.test(`${name} honours the EventStore contract`, (t) => {
    void t.test(
      'Given an empty store, When head and read are asked, Then START and nothing',
      async (t) => {
        const store = await open(t);
        t.equal(await store.head(), START);
        t.same(await store.read({ after: START }), []);
      },
    );

    void t.test(
      'Given events with arbitrary bytes, When appended and read back, Then bytes and metadata are exact',
      async (t) => {
        const store = await open(t);
        const backing = randomBytes(4096);
        const events = [
          newEvent({ data: new Uint8Array(Array.from({ length: 256 }, (_, i) => i)) }),
          newEvent({ data: new Uint8Array(0), type: 'session_opened' }),
          newEvent({ data: randomBytes(64 * 1024), type: 'field_masked' }),
          // a view into a larger buffer: only its own bytes must be stored
          newEvent({ data: backing.subarray(1000, 1300) }),
          newEvent({ tenantId: 'tenant-ä/ü', sessionId: 'sess-with-dashes_and.dots' }),
          newEvent({ tenantId: 'ledger', sessionId: '', type: 'checkpoint_signed' }),
        ];
        const before = Date.now();
        const results = await store.append(events);
        t.same(
          results.map((r) => [r.eventId, r.duplicate]),
          events.map((e) => [e.eventId, false]),
          'results are in input order, none a duplicate',
        );
        const stored = await store.read({ after: START });
        t.equal(stored.length, events.length);
        stored.forEach((s, i) => {
          const e = events[i] as NewEvent;
          t.equal(s.eventId, e.eventId, `event ${i} id`);
          t.equal(s.tenantId, e.tenantId, `event ${i} tenant`);
          t.equal(s.sessionId, e.sessionId, `event ${i} session`);
          t.equal(s.type, e.type, `event ${i} type`);
          t.ok(sameBytes(s.data, e.data), `event ${i} bytes`);
          t.equal(s.data.byteLength, e.data.byteLength, `event ${i} length`);
          t.equal(s.position, results[i]?.position, `event ${i} position as acknowledged`);
          t.ok(Number.isSafeInteger(s.recordedAt), `event ${i} recordedAt is an integer`);
          // a server clock may differ from ours: a generous window
          t.ok(Math.abs(s.recordedAt - before) < 10 * 60_000, `event ${i} recordedAt is now`);
        });
      },
    );

    void t.test(
      'Given successive batches, When appended, Then positions strictly increase and head is the last',
      async (t) => {
        const store = await open(t);
        const positions: number[] = [];
        for (let b = 0; b < 5; b++) {
          const results = await store.append(newEvents(b + 1));
          positions.push(...results.map((r) => r.position));
        }
        t.ok(isIncreasing(positions), 'strictly increasing within and across batches');
        t.ok(
          positions.every((p) => Number.isSafeInteger(p) && p >= 0),
          'non-negative safe integers',
        );
        t.equal(await store.head(), positions.at(-1));
        t.same(
          (await readAll(store)).map((s) => s.position),
          positions,
        );
      },
    );

    void t.test(
      'Given a batch with invalid events, When appended, Then LDG_ERR_VALIDATION names them all and nothing is stored',
      async (t) => {
        const store = await open(t);
        const good = newEvent();
        const bad = [
          newEvent({ eventId: randomUUID().toUpperCase() }),
          newEvent({ data: 'not bytes' as unknown as Uint8Array }),
          newEvent({ data: new Uint8Array(64 * 1024 + 1) }),
          newEvent({ tenantId: '' }),
        ];
        const error = await store.append([good, ...bad]).then(
          () => null,
          (e: unknown) => e,
        );
        t.ok(isLedgerError(error) && error.code === 'LDG_ERR_VALIDATION', 'LDG_ERR_VALIDATION');
        t.same(
          (error as ValidationError).issues.map((i) => i.path),
          ['events[1].eventId', 'events[2].data', 'events[3].data', 'events[4].tenantId'],
          'every bad field is named',
        );
        t.equal(await store.head(), START, 'nothing stored');
        t.same(await store.read({ after: START }), []);
        const [retry] = await store.append([good]);
        t.equal(retry?.duplicate, false, 'the valid event of the refused batch was not stored');
      },
    );

    void t.test(
      'Given stored events, When the same batch is retried, Then original positions, duplicate=true, nothing new',
      async (t) => {
        const store = await open(t);
        const batch = newEvents(5);
        const first = await store.append(batch);
        const head = await store.head();
        const again = await store.append(batch);
        t.same(
          again.map((r) => [r.eventId, r.position, r.duplicate]),
          first.map((r) => [r.eventId, r.position, true]),
        );
        t.equal(await store.head(), head, 'head unchanged');
        t.equal((await readAll(store)).length, 5, 'nothing new stored');

        const fresh = newEvent();
        const mixed = await store.append([batch[0] as NewEvent, fresh, batch[4] as NewEvent]);
        t.same(
          mixed.map((r) => r.duplicate),
          [true, false, true],
        );
        t.equal(mixed[0]?.position, first[0]?.position);
        t.equal(mixed[2]?.position, first[4]?.position);
        t.ok((mixed[1]?.position ?? -1) > head, 'the new event goes after the head');
        t.equal((await readAll(store)).length, 6);
      },
    );

    void t.test(
      'Given a batch repeating an event id, When appended, Then the repeat answers the first position as a duplicate',
      async (t) => {
        const store = await open(t);
        const a = newEvent();
        const b = newEvent();
        const aAgain = { ...a, data: randomBytes(16) };
        const results = await store.append([a, b, aAgain]);
        t.same(
          results.map((r) => [r.eventId, r.duplicate]),
          [
            [a.eventId, false],
            [b.eventId, false],
            [a.eventId, true],
          ],
        );
        t.equal(results[2]?.position, results[0]?.position);
        const stored = await readAll(store);
        t.equal(stored.length, 2);
        t.ok(sameBytes((stored[0] as StoredEvent).data, a.data), 'the first occurrence is kept');
      },
    );

    void t.test(
      'Given 50 concurrent callers, When each appends a batch, Then all positions are distinct and readable',
      async (t) => {
        const store = await open(t);
        const batches = Array.from({ length: 50 }, (_, i) =>
          newEvents(4, { sessionId: `sess-${i % 7}` }),
        );
        const results = await Promise.all(batches.map((b) => store.append(b)));
        const positions = results.flat().map((r) => r.position);
        t.equal(new Set(positions).size, 200, 'distinct positions');
        t.ok(
          results.every((r) => isIncreasing(r.map((x) => x.position))),
          'in input order within each batch',
        );
        t.ok(results.flat().every((r) => !r.duplicate));
        const stored = await readAll(store);
        t.same(
          stored.map((s) => s.position),
          [...positions].sort((x, y) => x - y),
          'every acknowledged event is readable, in position order',
        );
        const byId = new Map(stored.map((s) => [s.eventId, s]));
        t.ok(
          batches
            .flat()
            .every((e) => sameBytes(byId.get(e.eventId)?.data ?? new Uint8Array(1), e.data)),
          'with its bytes',
        );
      },
    );

    void t.test(
      'Given 10 concurrent callers sending the same batch, When appended, Then it is stored once and all answer its positions',
      async (t) => {
        const store = await open(t);
        const batch = newEvents(3);
        const results = await Promise.all(Array.from({ length: 10 }, () => store.append(batch)));
        const fresh = results.filter((r) => r.every((x) => !x.duplicate));
        t.equal(fresh.length, 1, 'exactly one caller stored it');
        t.ok(results.every((r) => r.every((x) => x.duplicate) || r.every((x) => !x.duplicate)));
        const positions = (fresh[0] ?? []).map((r) => r.position);
        t.ok(
          results.every((r) => r.map((x) => x.position).join() === positions.join()),
          'same positions for every caller',
        );
        t.equal((await readAll(store)).length, 3);
      },
    );

    void t.test(
      'Given 25 events, When read with after and limit, Then pages are contiguous and in order',
      async (t) => {
        const store = await open(t);
        const appended = await store.append(newEvents(25));
        const positions = appended.map((r) => r.position);
        const p1 = await store.read({ after: START, limit: 10 });
        const p2 = await store.read({ after: p1.at(-1)?.position ?? START, limit: 10 });
        const p3 = await store.read({ after: p2.at(-1)?.position ?? START, limit: 10 });
        const p4 = await store.read({ after: p3.at(-1)?.position ?? START, limit: 10 });
        t.same([p1.length, p2.length, p3.length, p4.length], [10, 10, 5, 0]);
        t.same(
          [...p1, ...p2, ...p3].map((s) => s.position),
          positions,
        );
        const middle = positions[12] as number;
        t.same(
          (await store.read({ after: middle })).map((s) => s.position),
          positions.slice(13),
          'after is exclusive',
        );
        t.same(
          await store.read({ after: positions.at(-1) as number }),
          [],
          'nothing after the head',
        );
        t.equal(await store.head(), positions.at(-1));
        t.equal(await codeOf(store.read({ after: START, limit: 0 })), 'LDG_ERR_VALIDATION');
        t.equal(await codeOf(store.read({ after: -2 })), 'LDG_ERR_VALIDATION');
        t.equal(await codeOf(store.read({ after: 1.5 })), 'LDG_ERR_VALIDATION');
      },
    );

    void t.test(
      'Given stored events, When subscribed from START, Then it catches up, then receives live appends',
      async (t) => {
        const store = await open(t);
        const early = await store.append(newEvents(5));
        const ac = new AbortController();
        const iterator = store
          .subscribe({ after: START, batchSize: 2, signal: ac.signal })
          [Symbol.asyncIterator]();
        const caughtUp = await take(iterator, 5);
        t.ok(
          caughtUp.every((b) => b.length >= 1 && b.length <= 2),
          'batches respect batchSize',
        );
        t.same(
          caughtUp.flat().map((s) => s.position),
          early.map((r) => r.position),
        );
        const late = await store.append(newEvents(3));
        const live = await take(iterator, 3);
        t.same(
          live.flat().map((s) => s.eventId),
          late.map((r) => r.eventId),
          'appends after subscribing arrive',
        );
        ac.abort();
        t.same(await iterator.next(), { done: true, value: undefined }, 'abort ends it');
      },
    );

    void t.test(
      'Given stored events, When subscribed after a position, Then it resumes right after it',
      async (t) => {
        const store = await open(t);
        const results = await store.append(newEvents(5));
        const ac = new AbortController();
        t.teardown(() => ac.abort());
        const third = (results[2] as { position: number }).position;
        const iterator = store
          .subscribe({ after: third, signal: ac.signal })
          [Symbol.asyncIterator]();
        const batches = await take(iterator, 2);
        t.same(
          batches.flat().map((s) => s.position),
          results.slice(3).map((r) => r.position),
        );
      },
    );

    void t.test(
      'Given a live subscription waiting for events, When its signal aborts, Then the iterator ends',
      async (t) => {
        const store = await open(t);
        const ac = new AbortController();
        const iterator = store
          .subscribe({ after: START, signal: ac.signal })
          [Symbol.asyncIterator]();
        const pending = iterator.next();
        t.equal(await settlesWithin(pending, 100), 'pending', 'nothing to deliver yet');
        ac.abort();
        t.same(await settlesWithin(pending, 2000), { done: true, value: undefined });

        const already = AbortSignal.abort();
        await store.append(newEvents(1));
        const dead = store.subscribe({ after: START, signal: already })[Symbol.asyncIterator]();
        t.same(
          await settlesWithin(dead.next(), 2000),
          { done: true, value: undefined },
          'a pre-aborted signal ends it at once',
        );
      },
    );

    void t.test(
      'Given a consumer that stops pulling, When many events are stored, Then the subscription does not read ahead',
      async (t) => {
        const store = await open(t);
        for (let i = 0; i < 3; i++) await store.append(newEvents(100));
        const iterator = store.subscribe({ after: START, batchSize: 10 })[Symbol.asyncIterator]();
        const before = options.subscriptionReadAhead?.(store) ?? 0;
        const [first] = await take(iterator, 1);
        t.equal(first?.length, 10, 'one batch of batchSize');
        await sleep(300);
        if (options.subscriptionReadAhead !== undefined) {
          const fetched = options.subscriptionReadAhead(store) - before;
          t.ok(
            fetched >= 10 && fetched <= 20,
            `fetched ${fetched} events for one pulled batch of 10`,
          );
        } else {
          t.comment('this adapter does not count read-ahead; checking order only');
        }
        const [second] = await take(iterator, 1);
        t.equal(
          second?.[0]?.position,
          (await store.read({ after: first?.at(-1)?.position ?? START, limit: 1 }))[0]?.position,
          'the next pull continues where the consumer stopped',
        );
        t.same(await iterator.return?.(), { done: true, value: undefined }, 'return() ends it');
      },
    );

    void t.test(
      'Given an open store, When closed twice, Then both resolve and everything after is refused',
      async (t) => {
        const store = await factory();
        await store.append(newEvents(2));
        const iterator = store.subscribe({ after: START })[Symbol.asyncIterator]();
        await take(iterator, 2);
        const waiting = iterator.next();
        await Promise.all([store.close(), store.close()]);
        await store.close();
        t.pass('close is idempotent');
        t.same(
          await settlesWithin(waiting, 2000),
          { done: true, value: undefined },
          'a live subscription ends on close',
        );
        t.equal(await codeOf(store.append(newEvents(1))), 'LDG_ERR_STORE_CLOSED');
        t.equal(await codeOf(store.read({ after: START })), 'LDG_ERR_STORE_CLOSED');
        t.equal(await codeOf(store.head()), 'LDG_ERR_STORE_CLOSED');
        const late = store.subscribe({ after: START })[Symbol.asyncIterator]();
        t.same(
          await settlesWithin(late.next(), 2000),
          { done: true, value: undefined },
          'subscribing after close ends at once',
        );
      },
    );

    void t.test(
      'Given appends in flight, When the store closes, Then they complete before it does',
      async (t) => {
        const store = await factory();
        const inFlight = Array.from({ length: 5 }, () => store.append(newEvents(20)));
        const closing = store.close();
        const refused = store.append(newEvents(1));
        const settled = await Promise.allSettled(inFlight);
        await closing;
        t.ok(
          settled.every((s) => s.status === 'fulfilled'),
          'every accepted append resolved',
        );
        t.equal(
          await codeOf(refused),
          'LDG_ERR_STORE_CLOSED',
          'an append after close() is refused',
        );
      },
    );
    t.end();
  });
}
