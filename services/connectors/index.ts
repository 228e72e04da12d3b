/**
 * services/connectors: push connectors (Splunk HEC, syslog RFC 5424 over TCP
 * or TLS, signed webhooks) configured in a JSON file, each with its own
 * durable checkpoint. Wire-up: `loadConnectorsConfig(file)`, then
 * `startConnectors({ store, config, checkpointsPath })`, then
 * `registerConnectorMetrics(metrics, manager)`; `manager.close()` on shutdown.
 */
export {
  CONNECTOR_TYPES,
  ConnectorConfigError,
  loadConnectorsConfig,
  parseConnectorsConfig,
} from './config.js';
export type {
  ConnectorConfig,
  ConnectorType,
  ConnectorsConfig,
  ParseConnectorsOptions,
  SplunkHecConnectorConfig,
  SyslogConnectorConfig,
  TlsClientConfig,
  WebhookConnectorConfig,
} from './config.js';
export { Connector, backoffDelay } from './connector.js';
export type { ConnectorDeps, ConnectorLogger, ConnectorStats } from './connector.js';
export { createSink, startConnectors } from './manager.js';
export type { ConnectorManager, StartConnectorsOptions } from './manager.js';
export { registerConnectorMetrics } from './metrics.js';
export { openConnectorCheckpoints } from './sqlite-checkpoints.js';
export type { CheckpointStore, ConnectorCheckpoint } from './sqlite-checkpoints.js';
export { webhookSignature } from './webhook.js';
