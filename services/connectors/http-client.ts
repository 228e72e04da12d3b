/**
 * A minimal HTTP(S) POST client for the HTTP connectors: one keep-alive
 * agent per connector (its TLS settings: CA, client certificate,
 * verification), a deadline per request, abortable, and the response body
 * read (capped) so a refusal can be reported.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { TlsClientConfig } from './config.js';
import { DeliveryError } from './sink.js';

const MAX_RESPONSE_BYTES = 64 * 1024;

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** POSTs to one URL. */
export class HttpPoster {
  readonly #url: URL;
  readonly #agent: HttpAgent;
  readonly #timeoutMs: number;

  constructor(url: URL, tls: TlsClientConfig, timeoutMs: number) {
    this.#url = url;
    this.#timeoutMs = timeoutMs;
    this.#agent =
      url.protocol === 'https:'
        ? new HttpsAgent({
            keepAlive: true,
            maxSockets: 1,
            ...(tls.ca ? { ca: tls.ca } : {}),
            ...(tls.cert ? { cert: tls.cert } : {}),
            ...(tls.key ? { key: tls.key } : {}),
            ...(tls.serverName ? { servername: tls.serverName } : {}),
            rejectUnauthorized: tls.rejectUnauthorized,
          })
        : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  }

  /**
   * Sends `body`; resolves with the status and (up to 64 KiB of) the body of
   * any response. Rejects with DeliveryError on a connection failure, the
   * deadline, or `signal`.
   */
  post(
    body: Buffer,
    headers: Readonly<Record<string, string>>,
    signal: AbortSignal,
  ): Promise<HttpResponse> {
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const both = AbortSignal.any([signal, deadline]);
    const send = this.#url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = send(
        this.#url,
        {
          method: 'POST',
          agent: this.#agent,
          signal: both,
          headers: { ...headers, 'content-length': String(body.length) },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            if (size < MAX_RESPONSE_BYTES) chunks.push(c);
            size += c.length;
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'),
            }),
          );
          res.on('error', (e) =>
            reject(
              new DeliveryError(`reading the response: ${e.message}`, res.statusCode, { cause: e }),
            ),
          );
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        const why = deadline.aborted
          ? `no answer within ${this.#timeoutMs} ms`
          : (e.code ?? e.message);
        reject(
          new DeliveryError(`POST ${this.#url.origin}${this.#url.pathname}: ${why}`, undefined, {
            cause: e,
          }),
        );
      });
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
