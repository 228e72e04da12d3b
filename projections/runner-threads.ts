/**
 * The projections split over two worker threads.
 *
 * Projecting every event costs about 20 µs of CPU on one core, the `events`
 * index alone about a third of it. On a machine with two cores or more,
 * `startProjectionThreads` runs the `events` projection on one thread and
 * `sessions`, `approvals` and `summaries` on another: each thread reads and
 * decodes the log itself and applies only its own projections, so the work
 * proceeds in parallel and only the writes to the shared views file take
 * turns (SQLite has one writer at a time; each thread decodes a page before
 * it takes the write lock, and the two hand the lock to each other through
 * projections/write-turns.ts rather than SQLite's sleeping busy wait).
 *
 * Nothing changes for the guarantees: every projection's checkpoint still
 * commits with its effect, in one transaction of one thread. The returned
 * runner combines the two: `status()` lists all four projections, `waitFor`
 * resolves once both threads reached the position, `rebuild()` rebuilds both
 * halves at once (or the one owning the projection asked for).
 */
import { ValidationError } from '../ledger/errors.js';
import type { ProjectionStatus, RebuildProgress, RebuildResult, RebuildOptions } from './runner.js';
import { startProjectionThread } from './runner-thread.js';
import type { ProjectionThread, ProjectionThreadOptions } from './runner-thread.js';
import { PROJECTION_NAMES, isProjectionName } from './view-store.js';
import { createWriteTurns } from './write-turns.js';
import type { ProjectionName } from './view-store.js';

/** How the projections are split: the event index, then the others. */
export const THREAD_GROUPS: readonly (readonly ProjectionName[])[] = [
  ['events'],
  ['sessions', 'approvals', 'summaries'],
];

/** Options of `startProjectionThreads`: those of one thread, less the subset. */
export type ProjectionThreadsOptions = Omit<
  ProjectionThreadOptions,
  'projections' | 'backgroundCheckpoints' | 'writeTurns'
>;

/**
 * Starts one thread per group of THREAD_GROUPS, one after the other (the first
 * creates or migrates the views schema before the second opens the file), and
 * returns them as one ProjectionThread. Rejects, after closing what started,
 * if either cannot start.
 */
export async function startProjectionThreads(
  o: ProjectionThreadsOptions,
): Promise<ProjectionThread> {
  const threads: ProjectionThread[] = [];
  const turns = createWriteTurns();
  try {
    for (const [i, group] of THREAD_GROUPS.entries()) {
      threads.push(
        await startProjectionThread({
          ...o,
          projections: group,
          // one WAL checkpointer per file is enough
          backgroundCheckpoints: i === 0,
          writeTurns: turns,
        }),
      );
    }
  } catch (e) {
    await Promise.all(threads.map((t) => t.close()));
    throw e;
  }
  return combine(threads);
}

function owner(threads: readonly ProjectionThread[], name: ProjectionName): ProjectionThread {
  const i = THREAD_GROUPS.findIndex((g) => g.includes(name));
  return threads[i] as ProjectionThread;
}

async function rebuildAll(
  threads: readonly ProjectionThread[],
  options: RebuildOptions,
): Promise<RebuildResult> {
  const latest: (RebuildProgress | undefined)[] = threads.map(() => undefined);
  const report = (): void => {
    if (options.onProgress === undefined || latest.some((p) => p === undefined)) return;
    const all = latest as RebuildProgress[];
    // the slower half decides where the whole stands
    const slowest = all.reduce((a, b) => (b.position < a.position ? b : a));
    const elapsedMs = Math.max(...all.map((p) => p.elapsedMs));
    options.onProgress({
      projections: PROJECTION_NAMES,
      position: slowest.position,
      target: Math.max(...all.map((p) => p.target)),
      events: slowest.events,
      elapsedMs,
      eventsPerSecond: elapsedMs > 0 ? (slowest.events * 1000) / elapsedMs : 0,
    });
  };
  const started = performance.now();
  const results = await Promise.all(
    threads.map((t, i) =>
      t.rebuild({
        onProgress: (p) => {
          latest[i] = p;
          report();
        },
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const events = Math.min(...results.map((r) => r.events));
  return {
    projections: PROJECTION_NAMES,
    position: Math.min(...results.map((r) => r.position)),
    events,
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : 0,
  };
}

/** One ProjectionThread standing for several with disjoint projections. */
function combine(threads: readonly ProjectionThread[]): ProjectionThread {
  let closing: Promise<void> | undefined;
  const combined: ProjectionThread = {
    start: () => Promise.resolve(),
    stop: () => combined.close(),
    async catchUp() {
      const read = await Promise.all(threads.map((t) => t.catchUp()));
      return Math.max(...read);
    },
    rebuild(options: RebuildOptions = {}) {
      const name = options.projection;
      if (name === undefined) return rebuildAll(threads, options);
      if (!isProjectionName(name)) {
        return Promise.reject(
          new ValidationError([
            {
              path: 'projection',
              message: `unknown projection "${name}"; one of ${PROJECTION_NAMES.join(', ')}`,
            },
          ]),
        );
      }
      return owner(threads, name).rebuild(options);
    },
    async waitFor(position: number, timeoutMs?: number) {
      await Promise.all(threads.map((t) => t.waitFor(position, timeoutMs)));
    },
    async refreshLag() {
      await Promise.all(threads.map((t) => t.refreshLag()));
    },
    status(): ProjectionStatus[] {
      const all = threads.flatMap((t) => t.status());
      return PROJECTION_NAMES.flatMap((n) => all.filter((s) => s.name === n));
    },
    close() {
      closing ??= Promise.all(threads.map((t) => t.close())).then(() => undefined);
      return closing;
    },
  };
  return combined;
}
