/**
 * Starts every configured push connector over one event store, with their
 * checkpoints in one SQLite file (`DATA/connectors.db` by convention), and
 * stops them together.
 */
import type { EventStore } from '../../ledger/store/event-store.js';
import { ledgerVersion } from '../stream/version.js';
import type { ConnectorConfig, ConnectorsConfig } from './config.js';
import { Connector } from './connector.js';
import type { ConnectorLogger, ConnectorStats } from './connector.js';
import type { ConnectorSink } from './sink.js';
import { createSplunkHecSink } from './splunk-hec.js';
import { openConnectorCheckpoints } from './sqlite-checkpoints.js';
import { createSyslogSink } from './syslog.js';
import { createWebhookSink } from './webhook.js';

/** How often the store's head is read for `lagPositions`. */
export const DEFAULT_HEAD_REFRESH_MS = 1000;

export interface StartConnectorsOptions {
  readonly store: EventStore;
  readonly config: ConnectorsConfig;
  /** The checkpoint file, e.g. join(dataDir, 'connectors.db'). */
  readonly checkpointsPath: string;
  /** OCSF / CEF product version (default: package.json version). */
  readonly productVersion?: string;
  readonly log?: ConnectorLogger;
  /** Head refresh period for lag in positions (default DEFAULT_HEAD_REFRESH_MS). */
  readonly headRefreshMs?: number;
  /** Store page size per pull. */
  readonly pageSize?: number;
}

/** The running connectors. */
export interface ConnectorManager {
  readonly connectors: readonly Connector[];
  stats(): ConnectorStats[];
  /** Stops every connector (in-flight deliveries are abandoned unacknowledged), closes the checkpoint file. Idempotent. */
  close(): Promise<void>;
}

/** The sink for a connector's type. */
export function createSink(config: ConnectorConfig, productVersion: string): ConnectorSink {
  switch (config.type) {
    case 'splunk-hec':
      return createSplunkHecSink(config, productVersion);
    case 'syslog':
      return createSyslogSink(config, productVersion);
    case 'webhook':
      return createWebhookSink(config, productVersion);
  }
}

/**
 * Opens the checkpoint file and starts one connector per entry of `config`.
 * Throws LDG_ERR_STORE_UNAVAILABLE when the checkpoint file cannot be opened.
 */
export function startConnectors(o: StartConnectorsOptions): ConnectorManager {
  const checkpoints = openConnectorCheckpoints(o.checkpointsPath);
  const productVersion = o.productVersion ?? ledgerVersion();
  const connectors = o.config.connectors.map(
    (c) =>
      new Connector(c, {
        store: o.store,
        checkpoints,
        sink: createSink(c, productVersion),
        ...(o.log ? { log: o.log } : {}),
        ...(o.pageSize !== undefined ? { pageSize: o.pageSize } : {}),
      }),
  );
  for (const c of connectors) c.start();
  let refreshing = false;
  const refresh = setInterval(() => {
    if (refreshing) return;
    refreshing = true;
    o.store
      .head()
      .then((head) => {
        for (const c of connectors) c.observeHead(head);
      })
      .catch(() => undefined)
      .finally(() => {
        refreshing = false;
      });
  }, o.headRefreshMs ?? DEFAULT_HEAD_REFRESH_MS);
  refresh.unref();
  let closing: Promise<void> | undefined;
  return {
    connectors,
    stats: () => connectors.map((c) => c.stats()),
    close() {
      closing ??= (async () => {
        clearInterval(refresh);
        await Promise.all(connectors.map((c) => c.stop()));
        checkpoints.close();
      })();
      return closing;
    },
  };
}
