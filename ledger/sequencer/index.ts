/**
 * The sequencer: turns the store's order into the Merkle log, keeps its
 * tiles and signed checkpoints, and serves reads of it.
 */
export {
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_SIGNED_FIELD,
  LEDGER_INTERNAL_GATEWAY,
  LEDGER_INTERNAL_TENANT,
  checkpointEvent,
  checkpointEventId,
  checkpointSession,
} from './checkpoint-event.js';
export type { FenceClaim, SequencerFence } from './fence.js';
export type { LeafEntryFields } from './leaf-entry.js';
export { LeafEntryWriter, encodeLeafEntry, hasTopLevelField, readLeafEntry } from './leaf-entry.js';
export type { EventInclusionProof, LeafEvent, MerkleLogReaderOptions } from './log-reader.js';
export { MerkleLogReader } from './log-reader.js';
export type {
  CheckpointRecord,
  DuplicateRecord,
  LeafRecord,
  MerkleProgress,
  MerkleResumePoint,
  MerkleStateStore,
  SequencedBatch,
} from './merkle-state-store.js';
export type { PackedEvents, SequencerSource, SourceEvent } from './sequencer-source.js';
export { eventStoreSource } from './sequencer-source.js';
export type { CheckpointRecorder, SequencerOptions, SequencerStats } from './sequencer.js';
export {
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  DEFAULT_CHECKPOINT_WAIT_MS,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_SEQUENCER_BATCH,
  Sequencer,
  createSequencer,
} from './sequencer.js';
