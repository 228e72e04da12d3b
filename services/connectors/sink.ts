/**
 * What a connector hands its receiver: deliveries, each a contiguous run of
 * events encoded as one request (HTTP) or one connection's worth of frames
 * (syslog). A delivery is acknowledged whole or not at all; the connector
 * advances its checkpoint to `lastPosition` only after `send` resolved.
 */
import type { SiemEvent } from '../../projections/siem/index.js';

/** One encoded batch. */
export interface Delivery {
  readonly body: Buffer;
  /** Records in the body. */
  readonly count: number;
  readonly firstPosition: number;
  readonly lastPosition: number;
}

/** A receiver of deliveries. */
export interface ConnectorSink {
  /** Encodes events (in ledger order) into deliveries within the connector's batch limits. */
  prepare(events: readonly SiemEvent[]): Delivery[];
  /**
   * Sends one delivery and resolves once the receiver acknowledged all of it;
   * rejects on any failure (the whole delivery is sent again later).
   */
  send(delivery: Delivery, signal: AbortSignal): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** An encoded record and the position it came from. */
export interface EncodedRecord {
  readonly bytes: Buffer;
  readonly position: number;
}

/**
 * Groups records, in order, into runs of at most `maxEvents` records and
 * `maxBytes` bytes (`overhead` bytes per run plus `separator` bytes between
 * records counted). A record larger than `maxBytes` on its own forms a run
 * alone rather than being dropped.
 */
export function groupRecords(
  records: readonly EncodedRecord[],
  maxEvents: number,
  maxBytes: number,
  join: (parts: readonly Buffer[]) => Buffer,
  overhead = 0,
  separator = 0,
): Delivery[] {
  const out: Delivery[] = [];
  let parts: Buffer[] = [];
  let bytes = overhead;
  let first = 0;
  let last = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    out.push({ body: join(parts), count: parts.length, firstPosition: first, lastPosition: last });
    parts = [];
    bytes = overhead;
  };
  for (const r of records) {
    const add = r.bytes.length + (parts.length > 0 ? separator : 0);
    if (parts.length > 0 && (parts.length >= maxEvents || bytes + add > maxBytes)) flush();
    if (parts.length === 0) first = r.position;
    parts.push(r.bytes);
    bytes += r.bytes.length + (parts.length > 1 ? separator : 0);
    last = r.position;
  }
  flush();
  return out;
}

/** A receiver's refusal or a transport failure, with the HTTP status when there was one. */
export class DeliveryError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryError';
    this.status = status;
  }
}
