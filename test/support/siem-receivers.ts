/**
 * Receivers the connector tests push to: a Splunk-HEC-compatible collector
 * and a webhook endpoint, both real node:http servers on 127.0.0.1. Each
 * checks what a real receiver would (HEC: path, `Authorization: Splunk`
 * token, stacked JSON events with the HEC fields; webhook: HMAC-SHA256
 * signature over timestamp + "." + body, timestamp freshness, JSON shape),
 * refuses what is wrong with the receiver's own status codes, and records
 * every position it accepted (duplicates counted). `kill()` drops the server
 * and every open connection at once, optionally in the middle of a request
 * it already read (the acknowledgement is lost: the sender must redeliver);
 * `restart()` listens again on the same port.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Positions accepted, with how many times each arrived. */
export class ReceivedSet {
  readonly counts = new Map<number, number>();
  records = 0;

  add(position: number): void {
    this.records++;
    this.counts.set(position, (this.counts.get(position) ?? 0) + 1);
  }

  get distinct(): number {
    return this.counts.size;
  }

  get duplicates(): number {
    return this.records - this.counts.size;
  }

  /** Positions in `expected` that never arrived. */
  missing(expected: Iterable<number>): number[] {
    const out: number[] = [];
    for (const p of expected) if (!this.counts.has(p)) out.push(p);
    return out;
  }

  /** Positions that arrived but were not expected. */
  unexpected(expected: Iterable<number>): number[] {
    const want = new Set(expected);
    return [...this.counts.keys()].filter((p) => !want.has(p));
  }
}

/** Splits a body of JSON values written back to back (whitespace allowed between). */
export function parseStackedJson(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)) as unknown);
      if (depth < 0) throw new Error(`unbalanced } at ${i}`);
    } else if (depth === 0 && !/\s/.test(ch ?? '')) {
      throw new Error(`unexpected ${JSON.stringify(ch)} between events at ${i}`);
    }
  }
  if (depth !== 0 || inString) throw new Error('truncated body');
  return out;
}

/** The ledger position a record of any format carries. */
export function positionOf(record: unknown): number {
  const r = record as { position?: unknown; metadata?: { sequence?: unknown } };
  const p = r.metadata?.sequence ?? r.position;
  if (typeof p !== 'number')
    throw new Error(`record without a position: ${JSON.stringify(record).slice(0, 200)}`);
  return p;
}

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

/** A restartable HTTP receiver. */
export class TestReceiver {
  readonly received = new ReceivedSet();
  /** Requests refused (status >= 400) by the receiver's checks. */
  readonly refusals: { status: number; reason: string }[] = [];
  requests = 0;
  port = 0;
  /** Kill the server after this many records were accepted (mid-request, before answering). */
  killAfterRecords: number | undefined;
  onKilled: (() => void) | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly handler: Handler) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests++;
        this.handler(req, Buffer.concat(chunks), res);
      });
    });
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: this.port }, () => resolve());
    });
    const addr = server.address();
    if (typeof addr === 'object' && addr !== null) this.port = addr.port;
    this.server = server;
  }

  /** Abrupt stop: the listener and every connection go away at once. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.onKilled?.();
  }

  /** Listens again on the same port. */
  restart(): Promise<void> {
    return this.start();
  }

  refuse(res: ServerResponse, status: number, reason: string, body: unknown): void {
    this.refusals.push({ status, reason });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  /**
   * Records positions; if that crosses `killAfterRecords`, kills the server
   * before answering (the sender never sees the acknowledgement). Returns
   * false in that case.
   */
  accept(positions: readonly number[]): boolean {
    for (const p of positions) this.received.add(p);
    if (this.killAfterRecords !== undefined && this.received.records >= this.killAfterRecords) {
      this.killAfterRecords = undefined;
      void this.kill();
      return false;
    }
    return true;
  }
}

/** The HEC fields every stacked event must have. */
interface HecEvent {
  time: number;
  host: string;
  source: string;
  sourcetype: string;
  index?: string;
  event: unknown;
  fields: { tenant: string; position: string; event_type: string };
}

function hecProblem(e: unknown): string | undefined {
  const h = e as Partial<HecEvent>;
  if (typeof h.time !== 'number' || !Number.isFinite(h.time)) return 'time must be epoch seconds';
  for (const k of ['host', 'source', 'sourcetype'] as const) {
    if (typeof h[k] !== 'string' || h[k] === '') return `${k} must be a non-empty string`;
  }
  if (h.event === undefined || h.event === null) return 'event is required';
  if (typeof h.fields?.position !== 'string' || typeof h.fields.tenant !== 'string') {
    return 'fields.position and fields.tenant are required';
  }
  return undefined;
}

/**
 * A Splunk-HEC-compatible collector on `/services/collector/event`. Answers
 * like Splunk: 401 code 2 without a token, 403 code 4 for a wrong one, 400
 * code 6 for malformed events, 200 `{"text":"Success","code":0}`.
 */
export function createHecReceiver(token: string): TestReceiver & { events: HecEvent[] } {
  const events: HecEvent[] = [];
  const receiver: TestReceiver = new TestReceiver((req, body, res) => {
    if (req.method !== 'POST' || req.url !== '/services/collector/event') {
      return receiver.refuse(res, 404, 'path', {
        text: 'The requested URL was not found',
        code: 404,
      });
    }
    const auth = req.headers.authorization;
    if (auth === undefined)
      return receiver.refuse(res, 401, 'no token', { text: 'Token is required', code: 2 });
    if (auth !== `Splunk ${token}`)
      return receiver.refuse(res, 403, 'bad token', { text: 'Invalid token', code: 4 });
    let parsed: unknown[];
    try {
      parsed = parseStackedJson(body.toString('utf8'));
    } catch (e) {
      return receiver.refuse(res, 400, `body: ${(e as Error).message}`, {
        text: 'Invalid data format',
        code: 6,
      });
    }
    if (parsed.length === 0)
      return receiver.refuse(res, 400, 'no events', { text: 'No data', code: 5 });
    for (const [i, e] of parsed.entries()) {
      const problem = hecProblem(e);
      if (problem !== undefined) {
        return receiver.refuse(res, 400, `event ${i}: ${problem}`, {
          text: 'Invalid data format',
          code: 6,
          'invalid-event-number': i,
        });
      }
    }
    const hec = parsed as HecEvent[];
    for (const e of hec) {
      const inner = typeof e.event === 'string' ? undefined : positionOf(e.event);
      if (inner !== undefined && inner !== Number(e.fields.position)) {
        return receiver.refuse(res, 400, 'fields.position differs from the record', {
          text: 'Invalid data format',
          code: 6,
        });
      }
    }
    events.push(...hec);
    if (!receiver.accept(hec.map((e) => Number(e.fields.position)))) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"text":"Success","code":0}');
  });
  return Object.assign(receiver, { events });
}

/** Webhook body as the connector sends it. */
export interface WebhookBody {
  source: string;
  format: string;
  first: number;
  last: number;
  events: unknown[];
}

/**
 * A webhook endpoint that verifies `X-Audit-Ledger-Signature` (sha256= hex
 * HMAC over `${timestamp}.${body}`) and a timestamp within `toleranceS` of
 * its clock; 401 for a bad or missing signature, 400 for a bad body, 204 on
 * success.
 */
export function createWebhookReceiver(
  secret: string,
  toleranceS = 300,
): TestReceiver & { bodies: WebhookBody[] } {
  const bodies: WebhookBody[] = [];
  const receiver: TestReceiver = new TestReceiver((req, body, res) => {
    const ts = req.headers['x-audit-ledger-timestamp'];
    const sig = req.headers['x-audit-ledger-signature'];
    if (typeof ts !== 'string' || !/^\d+$/.test(ts) || typeof sig !== 'string') {
      return receiver.refuse(res, 401, 'missing signature headers', { error: 'unsigned' });
    }
    if (Math.abs(Date.now() / 1000 - Number(ts)) > toleranceS) {
      return receiver.refuse(res, 401, 'stale timestamp', { error: 'stale' });
    }
    const expected = Buffer.from(
      `sha256=${createHmac('sha256', secret).update(`${ts}.`).update(body).digest('hex')}`,
    );
    const got = Buffer.from(sig);
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      return receiver.refuse(res, 401, 'bad signature', { error: 'signature' });
    }
    if (!/^application\/json/.test(req.headers['content-type'] ?? '')) {
      return receiver.refuse(res, 415, 'content-type', { error: 'content-type' });
    }
    let parsed: WebhookBody;
    try {
      parsed = JSON.parse(body.toString('utf8')) as WebhookBody;
    } catch {
      return receiver.refuse(res, 400, 'not JSON', { error: 'json' });
    }
    if (!Array.isArray(parsed.events) || parsed.events.length === 0) {
      return receiver.refuse(res, 400, 'no events', { error: 'events' });
    }
    const positions = parsed.events.map(positionOf);
    if (positions[0] !== parsed.first || positions[positions.length - 1] !== parsed.last) {
      return receiver.refuse(res, 400, 'first/last do not match the events', { error: 'range' });
    }
    if (req.headers['x-audit-ledger-delivery'] !== `${parsed.first}-${parsed.last}`) {
      return receiver.refuse(res, 400, 'delivery header', { error: 'delivery' });
    }
    bodies.push(parsed);
    if (!receiver.accept(positions)) return;
    res.writeHead(204);
    res.end();
  });
  return Object.assign(receiver, { bodies });
}
