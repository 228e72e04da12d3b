/**
 * Prometheus metrics of the push connectors, read at scrape time from
 * `ConnectorManager.stats()`, one series per connector (label `connector`):
 *
 *   ledger_connector_lag_seconds             age of the oldest unacknowledged event (0 when caught up)
 *   ledger_connector_lag_positions           store positions not yet acknowledged
 *   ledger_connector_checkpoint_position     last acknowledged position
 *   ledger_connector_consecutive_failures    failed attempts since the last success
 *   ledger_connector_up                      1 when the last attempt succeeded (or none failed yet)
 *   ledger_connector_delivered_events_total  records acknowledged (redeliveries count again)
 *   ledger_connector_failures_total          failed delivery attempts
 */
import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../metrics.js';
import type { ConnectorStats } from './connector.js';
import type { ConnectorManager } from './manager.js';

type Source = Pick<ConnectorManager, 'stats'>;

/** Registers the connector metrics on `metrics.registry` (once per registry). */
export function registerConnectorMetrics(metrics: Metrics, manager: Source): void {
  const registers = [metrics.registry];
  const labelNames = ['connector'] as const;
  const gauge = (name: string, help: string, read: (s: ConnectorStats) => number): void => {
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        for (const s of manager.stats()) this.set({ connector: s.name }, read(s));
      },
    });
  };
  gauge(
    'ledger_connector_lag_seconds',
    'Age of the oldest event a connector has not delivered yet',
    (s) => s.lagSeconds,
  );
  gauge(
    'ledger_connector_lag_positions',
    'Store positions a connector has not acknowledged yet',
    (s) => s.lagPositions,
  );
  gauge(
    'ledger_connector_checkpoint_position',
    'Last ledger position a connector delivered',
    (s) => s.checkpoint,
  );
  gauge(
    'ledger_connector_consecutive_failures',
    'Failed delivery attempts since the last success',
    (s) => s.consecutiveFailures,
  );
  gauge('ledger_connector_up', "1 when the connector's last delivery attempt succeeded", (s) =>
    s.consecutiveFailures === 0 ? 1 : 0,
  );
  // counters: the stats are cumulative; each scrape adds what changed since the last
  const counter = (name: string, help: string, read: (s: ConnectorStats) => number): void => {
    const seen = new Map<string, number>();
    new Counter({
      name,
      help,
      labelNames,
      registers,
      collect() {
        for (const s of manager.stats()) {
          const now = read(s);
          const delta = now - (seen.get(s.name) ?? 0);
          seen.set(s.name, now);
          if (delta > 0) this.inc({ connector: s.name }, delta);
          else if (delta === 0) this.inc({ connector: s.name }, 0);
        }
      },
    });
  };
  counter(
    'ledger_connector_delivered_events_total',
    'Records acknowledged by the receiver',
    (s) => s.delivered,
  );
  counter('ledger_connector_failures_total', 'Failed delivery attempts', (s) => s.failures);
}
