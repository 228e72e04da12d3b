/**
 * projections/: the read models kept current by subscriptions to the log, and
 * the ISO/IEC 27001 control mapping they index events by.
 *
 * Wiring: `loadControlMapping()` → `openSqliteViewStore({ path, mapping })` →
 * `createProjectionRunner({ store, views, leafIndexOf })` → `runner.start()`.
 * Queries go through the ViewStore port; `loadStoredEvents` reads the events a
 * view row points at.
 */
export {
  ATTRIBUTES,
  ControlMappingError,
  controlTableMarkdown,
  loadControlMapping,
  parseControlMapping,
} from './controls/control-mapping.js';
export type {
  AttributeSpec,
  Control,
  ControlMapping,
  EvidenceRule,
  LoadControlMappingOptions,
  TagContext,
} from './controls/control-mapping.js';
export { loadStoredEvents } from './event-loader.js';
export { projectStoredEvents } from './projected-event.js';
export type { ProjectedPage } from './projected-event.js';
export {
  DEFAULT_LAG_POLL_MS,
  DEFAULT_PROJECTION_BATCH,
  DEFAULT_REBUILD_BATCH,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
  createProjectionRunner,
} from './runner.js';
export type {
  ProjectionBatchInfo,
  ProjectionRunner,
  ProjectionRunnerOptions,
  ProjectionState,
  ProjectionStatus,
  RebuildOptions,
  RebuildProgress,
  RebuildResult,
  PageReader,
} from './runner.js';
export { startProjectionThread } from './runner-thread.js';
export { THREAD_GROUPS, startProjectionThreads } from './runner-threads.js';
export type { ProjectionThreadsOptions } from './runner-threads.js';
export { openSqliteLogReader } from './sqlite-log-reader.js';
export type { SqliteLogReader } from './sqlite-log-reader.js';
export type {
  EventStoreSpec,
  ProjectionThread,
  ProjectionThreadOptions,
  ThreadBatchInfo,
} from './runner-thread.js';
export { foldSessions } from './session-fold.js';
export type { SessionDelta } from './session-fold.js';
export {
  DEFAULT_VIEWS_BUSY_TIMEOUT_MS,
  DEFAULT_VIEWS_CACHE_KIB,
  VIEWS_FILE,
  openSqliteViewStore,
} from './sqlite/sqlite-view-store.js';
export type { SqliteViewStore, SqliteViewStoreOptions } from './sqlite/sqlite-view-store.js';
export {
  DAY_MS,
  PROJECTION_NAMES,
  dayOf,
  formatDay,
  isProjectionName,
  positionIsLeafIndex,
} from './view-store.js';
export type * from './view-store.js';
