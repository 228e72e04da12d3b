/** Prometheus metrics for the HTTP services (served at /metrics). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly appendLatency: Histogram;
  readonly batchSize: Histogram;
  readonly eventsIngested: Counter<'result'>;
  readonly rejectedBatches: Counter<'code'>;
  /** Registers a gauge whose value is read at scrape time. */
  gauge(name: string, help: string, read: () => number): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ledger_process_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'ledger_http_requests_total',
      help: 'HTTP requests by route, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    appendLatency: new Histogram({
      name: 'ledger_append_latency_seconds',
      help: 'Time from a batch reaching the store to its durable acknowledgement',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'ledger_batch_size_events',
      help: 'Events per accepted batch',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers: [registry],
    }),
    eventsIngested: new Counter({
      name: 'ledger_events_ingested_total',
      help: 'Events acknowledged, new or duplicate (idempotent retries)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    rejectedBatches: new Counter({
      name: 'ledger_rejected_batches_total',
      help: 'Batches refused, by error code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    gauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    },
  };
}
