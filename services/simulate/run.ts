/**
 * The gateway simulator behind `audit-ledger simulate`: several gateways
 * (one token each) send protobuf batches at a target rate, printing progress
 * every second and a final count.
 */
import { nextBatch, TrafficGenerator } from './traffic.js';

export interface SimulatedGateway {
  readonly gatewayId: string;
  readonly tenantId: string;
  readonly token: string;
}

export interface SimulateOptions {
  readonly url: string;
  readonly gateways: readonly SimulatedGateway[];
  /** Target events per second across all gateways (0 = as fast as possible). */
  readonly rate: number;
  /** Stop after this many seconds (0 = until the signal aborts). */
  readonly durationSeconds: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** Progress line sink (default: stderr). */
  readonly log?: (line: string) => void;
  /** Extra query string, e.g. `wait=checkpoint`. */
  readonly query?: string;
}

export interface SimulateResult {
  sent: number;
  acknowledged: number;
  duplicates: number;
  failedRequests: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function simulate(o: SimulateOptions): Promise<SimulateResult> {
  const log = o.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const gens = o.gateways.map(
    (g, i) =>
      new TrafficGenerator({
        tenantId: g.tenantId,
        gatewayId: g.gatewayId,
        seed: (o.seed ?? 7) + i,
      }),
  );
  const result: SimulateResult = {
    sent: 0,
    acknowledged: 0,
    duplicates: 0,
    failedRequests: 0,
    seconds: 0,
  };
  const start = Date.now();
  const deadline = o.durationSeconds > 0 ? start + o.durationSeconds * 1000 : Infinity;
  const endpoint = `${o.url.replace(/\/$/, '')}/v1/events${o.query ? `?${o.query}` : ''}`;
  let lastLog = start;
  let lastAck = 0;
  let turn = 0;
  let lastError = '';

  const stopped = () => o.signal?.aborted === true || Date.now() >= deadline;

  async function worker(): Promise<void> {
    while (!stopped()) {
      if (o.rate > 0) {
        // pace: the events sent so far should not run ahead of rate * elapsed
        const ahead = result.sent / o.rate - (Date.now() - start) / 1000;
        if (ahead > 0) {
          await sleep(Math.min(ahead * 1000, 250));
          continue;
        }
      }
      const gi = turn++ % o.gateways.length;
      const gw = o.gateways[gi] as SimulatedGateway;
      const body = nextBatch(gens[gi] as TrafficGenerator, o.batchSize);
      result.sent += o.batchSize;
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-protobuf',
            authorization: `Bearer ${gw.token}`,
          },
          body,
          ...(o.signal ? { signal: o.signal } : {}),
        });
        const json = (await res.json()) as {
          results?: { duplicate: boolean }[];
          error?: { code: string; message: string };
        };
        if (res.ok && json.results) {
          result.acknowledged += json.results.length;
          result.duplicates += json.results.filter((r) => r.duplicate).length;
        } else {
          result.failedRequests++;
          lastError = `${res.status} ${json.error?.code ?? ''} ${json.error?.message ?? ''}`;
          if (res.status === 429) await sleep(1000);
        }
      } catch (e) {
        if (o.signal?.aborted) break;
        result.failedRequests++;
        lastError = (e as Error).message;
        await sleep(500);
      }
      const t = Date.now();
      if (t - lastLog >= 1000) {
        const rate = ((result.acknowledged - lastAck) * 1000) / (t - lastLog);
        log(
          `simulate: ${result.acknowledged} events acknowledged (${Math.round(rate)}/s), ${result.failedRequests} failed requests` +
            (lastError ? ` — last error: ${lastError}` : ''),
        );
        lastError = '';
        lastLog = t;
        lastAck = result.acknowledged;
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, () => worker()));
  result.seconds = (Date.now() - start) / 1000;
  return result;
}
