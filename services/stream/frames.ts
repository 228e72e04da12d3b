/**
 * Stream frames: a store page filtered (tenant, types), formatted and framed
 * as SSE events or NDJSON lines, as one string ready for one socket write.
 * Shared by the in-process pump and the reader threads, so both send the
 * same bytes.
 */
import type { StoredEvent } from '../../ledger/store/event-store.js';
import { toSiemEvent } from '../../projections/siem/index.js';
import type { SiemFormatter } from '../../projections/siem/index.js';

/** Stream modes. */
export type StreamMode = 'sse' | 'ndjson';

/** Recently framed records by position (one cache per format and mode: the frames differ). */
export class FrameCache {
  readonly #entries = new Map<number, string>();

  constructor(private readonly max: number) {}

  get(position: number, make: () => string): string {
    let v = this.#entries.get(position);
    if (v === undefined) {
      v = make();
      if (this.max > 0) {
        this.#entries.set(position, v);
        if (this.#entries.size > this.max) {
          const oldest = this.#entries.keys().next();
          if (oldest.done !== true) this.#entries.delete(oldest.value);
        }
      }
    }
    return v;
  }
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
  /** The frames, concatenated ('' when none passed the filters). */
  readonly text: string;
  /** Frames in `text`. */
  readonly sent: number;
  /** Position of the last frame (undefined when none). */
  readonly lastSent: number | undefined;
  /** Last position read (the page's last row), or undefined for an empty page. */
  readonly scanned: number | undefined;
}

/** The frame of one event: an SSE event, or an NDJSON line (CEF wrapped as {position, tenant, cef}). */
export function frameOf(stored: StoredEvent, formatter: SiemFormatter, mode: StreamMode): string {
  const e = toSiemEvent(stored);
  if (mode === 'sse') return `id: ${stored.position}\ndata: ${formatter.line(e)}\n\n`;
  return `${formatter.format === 'cef' ? JSON.stringify(formatter.record(e)) : formatter.line(e)}\n`;
}

/** Filters, formats and frames one store page. */
export function framePage(
  page: readonly StoredEvent[],
  formatter: SiemFormatter,
  filter: FrameFilter,
  cache: FrameCache,
): FramedPage {
  const { tenant, types, mode } = filter;
  let text = '';
  let sent = 0;
  let lastSent: number | undefined;
  for (const stored of page) {
    if (stored.tenantId !== tenant) continue;
    if (types !== undefined && !types.has(stored.type)) continue;
    text += cache.get(stored.position, () => frameOf(stored, formatter, mode));
    sent++;
    lastSent = stored.position;
  }
  return { text, sent, lastSent, scanned: page[page.length - 1]?.position };
}
