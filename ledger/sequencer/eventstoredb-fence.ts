/**
 * The sequencer's fence on EventStoreDB / KurrentDB (see fence.ts): one JSON
 * event per checkpoint on the stream `<prefix>.sequencer` (outside the
 * `<prefix>-` streams the event store adapter reads as the log), appended
 * with an explicit expected revision. With an explicit expected revision the
 * server treats a re-append of the same event id as a no-op (idempotent
 * retry after a crash), and a stale revision as a wrong-expected-version
 * error: the second sequencer loses.
 *
 * Not exercised by the test suite (no EventStoreDB server can run on the test
 * machines); it compiles against @eventstore/db-client 6.2.1.
 */
import { EventStoreDBClient, NO_STREAM, jsonEvent } from '@eventstore/db-client';
import { LedgerError } from '../errors.js';
import {
  DEFAULT_STREAM_PREFIX,
  translateEventStoreDbError,
} from '../store/eventstoredb-event-store.js';
import type { FenceClaim, SequencerFence } from './fence.js';

/** Options of `openEventStoreDbFence`. */
export interface EventStoreDbFenceOptions {
  /** e.g. `esdb://host:2113?tls=false` */
  readonly connectionString: string;
  /** the event store's stream prefix (default DEFAULT_STREAM_PREFIX); the fence stream is `<prefix>.sequencer` */
  readonly streamPrefix?: string;
}

/** Opens the fence (the client connects lazily). LDG_ERR_CONFIG for a bad connection string. */
export function openEventStoreDbFence(options: EventStoreDbFenceOptions): SequencerFence {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(options.connectionString);
  } catch (error) {
    throw new LedgerError('LDG_ERR_CONFIG', 'invalid EventStoreDB connection string', {
      cause: error,
    });
  }
  const stream = `${options.streamPrefix ?? DEFAULT_STREAM_PREFIX}.sequencer`;
  let closed: Promise<void> | undefined;
  return {
    async claim(claim: FenceClaim, expectedRevision: number | null): Promise<number> {
      try {
        const result = await client.appendToStream(
          stream,
          jsonEvent({
            id: claim.eventId,
            type: 'CheckpointSigned',
            data: {
              origin: claim.origin,
              size: claim.size,
              rootHash: Buffer.from(claim.rootHash).toString('base64'),
              note: claim.note,
            },
          }),
          { expectedRevision: expectedRevision === null ? NO_STREAM : BigInt(expectedRevision) },
        );
        return Number(result.nextExpectedRevision);
      } catch (error) {
        throw translateEventStoreDbError(error, `claiming checkpoint ${claim.size} on ${stream}`);
      }
    },
    close(): Promise<void> {
      closed ??= client.dispose().catch((error: unknown) => {
        throw translateEventStoreDbError(error, 'closing the fence client');
      });
      return closed;
    },
  };
}
