/**
 * Stream frames: a store page filtered (tenant, types), formatted and framed
 * as SSE events or NDJSON lines, written as UTF-8 bytes ready for one socket
 * write. Shared by the in-process pump and the reader threads, so both send
 * the same bytes.
 */
import { JsonWriter } from '../../ledger/events/index.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import { toSiemEvent } from '../../projections/siem/index.js';
import type { SiemFormatter } from '../../projections/siem/index.js';

/** Stream modes. */
export type StreamMode = 'sse' | 'ndjson';

/**
 * Recently framed records by position (one cache per format and mode: the
 * frames differ). Entries are views into the page bodies they were framed
 * in, so keeping one costs no copy; a body therefore must not be changed or
 * transferred after framing.
 */
export class FrameCache {
  readonly #entries = new Map<number, CachedFrame>();

  constructor(private readonly max: number) {}

  /** True when frames are kept at all. */
  get enabled(): boolean {
    return this.max > 0;
  }

  get(position: number): CachedFrame | undefined {
    return this.#entries.get(position);
  }

  /** Keeps the frame at [start, end) of `body` (not copied). */
  set(position: number, body: Uint8Array, start: number, end: number): void {
    if (this.max <= 0) return;
    this.#entries.set(position, { body, start, end });
    if (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }
}

/** Where a cached frame lies. */
export interface CachedFrame {
  readonly body: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/** Who may see what on one stream. */
export interface FrameFilter {
  readonly mode: StreamMode;
  readonly tenant: string;
  /** Payload types to send; undefined = all. */
  readonly types: ReadonlySet<string> | undefined;
}

/** One framed page. */
export interface FramedPage {
  /** The frames, concatenated (empty when none passed the filters): a copy, the page writer is reused. */
  readonly body: Buffer;
  /**
   * True when `body` has an ArrayBuffer of its own that nothing else refers
   * to (no frame of it was cached): it may be transferred to another thread.
   */
  readonly owned: boolean;
  /** Frames in `body`. */
  readonly sent: number;
  /** Position of the last frame (undefined when none). */
  readonly lastSent: number | undefined;
  /** Last position read (the page's last row), or undefined for an empty page. */
  readonly scanned: number | undefined;
}

/** Writes the frame of one event: an SSE event, or an NDJSON line (CEF wrapped as {position, tenant, cef}). */
export function writeFrame(
  w: JsonWriter,
  stored: StoredEvent,
  formatter: SiemFormatter,
  mode: StreamMode,
): void {
  const e = toSiemEvent(stored);
  if (mode === 'sse') {
    w.text(`id: ${stored.position}\ndata: `);
    if (formatter.format === 'cef') w.text(formatter.line(e));
    else formatter.writeJson(w, e);
    w.text('\n\n');
  } else {
    formatter.writeJson(w, e);
    w.text('\n');
  }
}

/** The writer pages are framed in (one per thread; framing is synchronous). */
const pageWriter = new JsonWriter(1 << 20);

/**
 * Filters, formats and frames one store page. Frames found in `cache` are
 * copied from it; with `keep`, the frames formatted here are added to it.
 */
export function framePage(
  page: readonly StoredEvent[],
  formatter: SiemFormatter,
  filter: FrameFilter,
  cache: FrameCache,
  keep: boolean,
): FramedPage {
  const { tenant, types, mode } = filter;
  const w = pageWriter.reset();
  let sent = 0;
  let lastSent: number | undefined;
  // position, start, end of each frame formatted here, to cache once the body exists
  const fresh: number[] = [];
  for (const stored of page) {
    if (stored.tenantId !== tenant) continue;
    if (types !== undefined && !types.has(stored.type)) continue;
    const cached = cache.get(stored.position);
    if (cached !== undefined) w.bytes(cached.body, cached.start, cached.end);
    else {
      const start = w.length;
      writeFrame(w, stored, formatter, mode);
      if (keep && cache.enabled) fresh.push(stored.position, start, w.length);
    }
    sent++;
    lastSent = stored.position;
  }
  const owned = fresh.length === 0;
  const body = owned ? w.toOwnedBuffer() : w.toBuffer();
  for (let i = 0; i < fresh.length; i += 3) {
    cache.set(fresh[i]!, body, fresh[i + 1]!, fresh[i + 2]!);
  }
  return { body, owned, sent, lastSent, scanned: page[page.length - 1]?.position };
}
