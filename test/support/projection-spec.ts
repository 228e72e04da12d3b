/**
 * Given/When/Then specs for projections (after emmett's projection specs):
 * events in, rows out, against a real SQLite view store in a temporary file.
 *
 *   await projectionSpec(t)
 *     .given(opened, command)
 *     .when(closed)
 *     .then(async (views) => { t.same(await views.getSession('acme', id), ...) });
 *
 * `given` and `when` events are encoded to bytes, stored at consecutive
 * positions from 0 and applied as separate batches (so every spec also crosses
 * a batch boundary), exactly as the runner would hand them over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAuditEvent, encodeAuditEvent, payloadType } from '../../ledger/events/index.js';
import type { AuditEventInit } from '../../ledger/events/index.js';
import type { NewEvent, StoredEvent } from '../../ledger/store/event-store.js';
import { START } from '../../ledger/store/event-store.js';
import {
  loadControlMapping,
  openSqliteViewStore,
  positionIsLeafIndex,
  projectStoredEvents,
} from '../../projections/index.js';
import type {
  ControlMapping,
  LeafIndexOf,
  SqliteViewStore,
  ViewStore,
} from '../../projections/index.js';
import { NOW } from './event-factory.js';

interface TestLike {
  teardown(fn: () => unknown): void;
}

/** A fresh temporary directory, removed at teardown. */
export function projectionTempDir(t: TestLike, prefix = 'audit-ledger-views-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The store's recording time of spec events: NOW, one millisecond apart. */
export const RECORDED_AT = NOW;

/** `events` as the store would return them, at positions `first`, `first + 1`, ... */
export function storedEvents(events: readonly AuditEventInit[], first = 0): StoredEvent[] {
  return events.map((e, i) => {
    const data = encodeAuditEvent(e);
    return {
      position: first + i,
      eventId: e.eventId ?? '',
      tenantId: e.tenantId ?? '',
      sessionId: e.sessionId ?? '',
      type: payloadType(decodeAuditEvent(data).message) ?? 'unknown',
      recordedAt: RECORDED_AT + first + i,
      data,
    };
  });
}

/** Applies stored events to `views` in batches of `batchSize`, as the runner does. */
export async function applyStored(
  views: ViewStore,
  stored: readonly StoredEvent[],
  batchSize = 1000,
  leafIndexOf: LeafIndexOf = positionIsLeafIndex,
): Promise<void> {
  let after = stored[0] === undefined ? START : stored[0].position - 1;
  for (let i = 0; i < stored.length; i += batchSize) {
    const page = stored.slice(i, i + batchSize);
    const last = page[page.length - 1]!.position;
    const { events, rejected } = projectStoredEvents(page, leafIndexOf);
    await views.apply({ after, last, events, rejected });
    after = last;
  }
}

/** A fresh view store in a temporary directory, closed at teardown. */
export function openSpecViews(
  t: TestLike,
  mapping: ControlMapping = loadControlMapping(),
): SqliteViewStore {
  const views = openSqliteViewStore({ path: join(projectionTempDir(t), 'views.db'), mapping });
  t.teardown(() => views.close());
  return views;
}

export interface ProjectionSpec {
  given(...events: AuditEventInit[]): ProjectionSpec;
  when(...events: AuditEventInit[]): {
    then(check: (views: SqliteViewStore) => Promise<void>): Promise<void>;
  };
}

/** Starts a spec on a fresh view store. */
export function projectionSpec(t: TestLike, mapping?: ControlMapping): ProjectionSpec {
  const given: AuditEventInit[] = [];
  const spec: ProjectionSpec = {
    given(...events) {
      given.push(...events);
      return spec;
    },
    when(...events) {
      return {
        async then(check) {
          const views = openSpecViews(t, mapping);
          await applyStored(views, storedEvents(given, 0));
          await applyStored(views, storedEvents(events, given.length));
          await check(views);
        },
      };
    },
  };
  return spec;
}

/** `events` as NewEvents for `EventStore.append` (exact bytes, routing metadata). */
export function newEvents(events: readonly AuditEventInit[]): NewEvent[] {
  return storedEvents(events).map((s) => ({
    eventId: s.eventId,
    tenantId: s.tenantId,
    sessionId: s.sessionId,
    type: s.type,
    data: s.data,
  }));
}
