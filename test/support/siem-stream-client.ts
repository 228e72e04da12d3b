/**
 * A small streaming HTTP client for the SIEM stream tests: parses Server-Sent
 * Events (per the WHATWG event-stream rules the tests rely on: `id`, `event`,
 * `data`, comments, blank-line dispatch) or NDJSON lines as they arrive, and
 * can pause (stop reading from the socket) to play a slow reader.
 */
import { request } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';

/** One dispatched SSE block. `data` is '' for an id-only heartbeat. */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

export class StreamClient {
  readonly events: SseEvent[] = [];
  readonly lines: string[] = [];
  comments = 0;
  /** Last `id:` seen, as EventSource keeps it. */
  lastEventId = '';
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  private constructor(
    readonly req: ClientRequest,
    readonly res: IncomingMessage,
    readonly mode: 'sse' | 'ndjson',
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.feed(chunk));
    const end = (): void => {
      this.ended = true;
      this.notify();
    };
    res.on('end', end);
    res.on('close', end);
    res.on('error', end);
  }

  get status(): number {
    return this.res.statusCode ?? 0;
  }

  /** Opens `url` and resolves once the response headers arrived. */
  static open(
    url: string,
    headers: Record<string, string>,
    mode: 'sse' | 'ndjson' = 'sse',
  ): Promise<StreamClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers, agent: false }, (res) =>
        resolve(new StreamClient(req, res, mode)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** Data events only (id-only heartbeats left out). */
  dataEvents(): SseEvent[] {
    return this.events.filter((e) => e.data !== '');
  }

  /** Non-blank NDJSON lines, parsed. */
  records(): unknown[] {
    return this.lines.filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    if (this.mode === 'ndjson') {
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
      }
    } else {
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        this.dispatch(block);
      }
    }
    this.notify();
  }

  private dispatch(block: string): void {
    let id: string | undefined;
    let event: string | undefined;
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      fields++;
      if (name === 'id') id = value;
      else if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
    }
    if (id !== undefined) this.lastEventId = id;
    if (fields === 0 || (id === undefined && data.length === 0 && event === undefined)) return;
    this.events.push({ id, event, data: data.join('\n') });
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until `predicate()` holds (checked on every chunk), or fails after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (this.ended) throw new Error(`stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Stops reading from the socket (the kernel buffers fill, then the server must wait). */
  pause(): void {
    this.res.pause();
  }

  resume(): void {
    this.res.resume();
  }

  /** Drops the connection, as a crashed or disconnected client would. */
  close(): void {
    this.req.destroy();
    this.res.destroy();
  }
}
