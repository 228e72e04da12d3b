/**
 * Single-writer fencing for the sequencer where several nodes could run one
 * (EventStoreDB deployments). Each signed checkpoint is first claimed on a
 * fence stream with the revision the sequencer itself last wrote, taken from
 * its own durable state — never read from the stream just before writing. A
 * second sequencer therefore expects a revision the stream has moved past and
 * fails with LDG_ERR_WRONG_EXPECTED_VERSION; a retry of the same claim after
 * a crash (same event id, same expected revision) is idempotent.
 */

/** What a claim records on the fence stream. */
export interface FenceClaim {
  /** deterministic, from (origin, size): see `checkpointEventId` */
  readonly eventId: string;
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
}

/** A fence the sequencer claims each checkpoint on. */
export interface SequencerFence {
  /**
   * Appends the claim expecting the stream at `expectedRevision` (null: the
   * stream must not exist yet) and returns the stream's new revision.
   * Throws LDG_ERR_WRONG_EXPECTED_VERSION when another writer got there first,
   * LDG_ERR_STORE_UNAVAILABLE when the server cannot be reached.
   */
  claim(claim: FenceClaim, expectedRevision: number | null): Promise<number>;

  /** Releases the connection. Idempotent. */
  close(): Promise<void>;
}
