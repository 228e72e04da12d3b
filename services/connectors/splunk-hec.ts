/**
 * Splunk HTTP Event Collector: `POST <url>` (e.g. /services/collector/event)
 * with `Authorization: Splunk <token>` and several events stacked back to
 * back in one body, one JSON object per line:
 *
 *   {"time":1714564800.123,"host":"gw-eu-1","source":"audit-ledger",
 *    "sourcetype":"audit-ledger:ocsf","index":"security","event":{...},
 *    "fields":{"tenant":"acme","position":"12","event_type":"command_blocked"}}
 *
 * `event` is the OCSF or JSON record, or the CEF line (a string). A delivery
 * is acknowledged by a 2xx answer whose JSON body, when it has one, says
 * `"code": 0` (HEC's "Success").
 */
import { JsonWriter } from '../../ledger/events/index.js';
import { createSiemFormatter } from '../../projections/siem/index.js';
import type { SiemEvent } from '../../projections/siem/index.js';
import type { SplunkHecConnectorConfig } from './config.js';
import { HttpPoster } from './http-client.js';
import { DeliveryError, groupRecords } from './sink.js';
import type { ConnectorSink, Delivery } from './sink.js';

const NEWLINE = Buffer.from('\n');

/** A sink posting stacked HEC events. */
export function createSplunkHecSink(
  config: SplunkHecConnectorConfig,
  productVersion: string,
): ConnectorSink {
  const formatter = createSiemFormatter(config.format, { productVersion });
  const poster = new HttpPoster(config.url, config.tls, config.timeoutMs);
  const headers = {
    authorization: `Splunk ${config.token}`,
    'content-type': 'application/json',
    'user-agent': `audit-ledger/${productVersion}`,
  };
  const w = new JsonWriter();
  const envelope = (e: SiemEvent): Buffer => {
    w.reset()
      .open()
      .num('time', e.occurredAt / 1000)
      .str('host', config.host ?? (e.message?.gatewayId || 'audit-ledger'))
      .str('source', config.source)
      .str('sourcetype', config.sourcetype);
    if (config.index !== undefined) w.str('index', config.index);
    w.key('event');
    if (config.format === 'cef') w.string(formatter.line(e));
    else formatter.writeJson(w, e);
    w.key('fields')
      .open()
      .str('tenant', e.tenantId)
      .str('position', String(e.position))
      .str('event_type', e.type)
      .close()
      .close();
    return w.toBuffer();
  };
  return {
    prepare(events: readonly SiemEvent[]): Delivery[] {
      const records = events.map((e) => ({
        bytes: envelope(e),
        position: e.position,
      }));
      return groupRecords(
        records,
        config.maxEvents,
        config.maxBytes,
        (parts) => Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [NEWLINE, p]))),
        0,
        1,
      );
    },
    async send(delivery: Delivery, signal: AbortSignal): Promise<void> {
      const res = await poster.post(delivery.body, headers, signal);
      let code: unknown;
      try {
        code = (JSON.parse(res.body) as { code?: unknown }).code;
      } catch {
        code = undefined;
      }
      if (res.status < 200 || res.status > 299 || (code !== undefined && code !== 0)) {
        throw new DeliveryError(
          `HEC answered ${res.status}: ${res.body.slice(0, 200)}`,
          res.status,
        );
      }
    },
    close(): Promise<void> {
      poster.close();
      return Promise.resolve();
    },
  };
}
