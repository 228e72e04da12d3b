/**
 * Signed webhooks: each delivery is one JSON POST
 *
 *   {"source":"audit-ledger","format":"ocsf","first":10,"last":59,"events":[...]}
 *
 * with headers
 *
 *   X-Audit-Ledger-Timestamp: <unix seconds>
 *   X-Audit-Ledger-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *   X-Audit-Ledger-Delivery: <first>-<last>   (ledger positions; receivers may dedupe on them)
 *
 * A receiver verifies the signature over the exact body bytes, rejects
 * timestamps too far from its clock (replays), and answers 2xx to
 * acknowledge. Any other answer, or none, and the same body is sent again
 * (with a fresh timestamp and signature). CEF records travel as
 * `{"position","tenant","cef"}` objects.
 */
import { createHmac } from 'node:crypto';
import { JsonWriter } from '../../ledger/events/index.js';
import { createSiemFormatter } from '../../projections/siem/index.js';
import type { SiemEvent } from '../../projections/siem/index.js';
import type { WebhookConnectorConfig } from './config.js';
import { HttpPoster } from './http-client.js';
import { DeliveryError, groupRecords } from './sink.js';
import type { ConnectorSink, Delivery } from './sink.js';

export const WEBHOOK_TIMESTAMP_HEADER = 'x-audit-ledger-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'x-audit-ledger-signature';
export const WEBHOOK_DELIVERY_HEADER = 'x-audit-ledger-delivery';

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`): what receivers recompute. */
export function webhookSignature(secret: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

const COMMA = Buffer.from(',');

/** A sink posting signed JSON batches. */
export function createWebhookSink(
  config: WebhookConnectorConfig,
  productVersion: string,
  now: () => number = Date.now,
): ConnectorSink {
  const formatter = createSiemFormatter(config.format, { productVersion });
  const poster = new HttpPoster(config.url, config.tls, config.timeoutMs);
  const w = new JsonWriter();
  const recordBytes = (e: SiemEvent): Buffer => {
    formatter.writeJson(w.reset(), e);
    return w.toBuffer();
  };
  return {
    prepare(events: readonly SiemEvent[]): Delivery[] {
      const records = events.map((e) => ({
        bytes: recordBytes(e),
        position: e.position,
      }));
      const head = (first: number, last: number): string =>
        `{"source":"audit-ledger","format":"${config.format}","first":${first},"last":${last},"events":[`;
      // the envelope's size, with the widest positions it can hold
      const overhead =
        Buffer.byteLength(head(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) + 2;
      return groupRecords(
        records,
        config.maxEvents,
        config.maxBytes,
        (parts) => Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [COMMA, p]))),
        overhead,
        1,
      ).map((d) => ({
        ...d,
        body: Buffer.concat([
          Buffer.from(head(d.firstPosition, d.lastPosition)),
          d.body,
          Buffer.from(']}'),
        ]),
      }));
    },
    async send(delivery: Delivery, signal: AbortSignal): Promise<void> {
      const timestamp = String(Math.floor(now() / 1000));
      const res = await poster.post(
        delivery.body,
        {
          ...config.headers,
          'content-type': 'application/json',
          'user-agent': `audit-ledger/${productVersion}`,
          [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
          [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(config.secret, timestamp, delivery.body),
          [WEBHOOK_DELIVERY_HEADER]: `${delivery.firstPosition}-${delivery.lastPosition}`,
        },
        signal,
      );
      if (res.status < 200 || res.status > 299) {
        throw new DeliveryError(
          `webhook answered ${res.status}: ${res.body.slice(0, 200)}`,
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
