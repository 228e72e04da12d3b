/**
 * A ledger served over HTTP as a `LogSource` for `verify-log --url`: the
 * C2SP tlog-tiles paths (`/checkpoint`, `/tile/...`, `/tile/entries/...`).
 * Entry bundles hold every tenant's events, so they need a token with the
 * `ledger:verify` scope; checkpoint and tiles are public.
 *
 * Requests go through node:http(s) with a keep-alive agent: a whole-log
 * verification makes two requests per 256 entries, and the fetch API's
 * per-request overhead was most of the verifier's time (measured).
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { LedgerError } from '../../ledger/errors.js';
import { entriesPath, tilePath } from '../../ledger/merkle/tiles.js';
import type { TileId } from '../../ledger/merkle/tiles.js';
import type { LogSource } from '../../ledger/verify/log-source.js';

/** Options of `httpLogSource`. */
export interface HttpLogSourceOptions {
  /** the ledger's base URL, e.g. https://ledger.example.com */
  readonly url: string;
  /** bearer token with the ledger:verify scope (for entry bundles) */
  readonly token?: string;
  /** connections kept open to the ledger (default 8) */
  readonly connections?: number;
}

const STATUS_CODES: Readonly<Record<number, LedgerError['code']>> = {
  401: 'LDG_ERR_UNAUTHORIZED',
  403: 'LDG_ERR_FORBIDDEN',
  404: 'LDG_ERR_NOT_FOUND',
};

/** A LogSource reading a ledger over HTTP. */
export function httpLogSource(options: HttpLogSourceOptions): LogSource {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new LedgerError('LDG_ERR_VALIDATION', `--url must be http(s), got ${options.url}`);
  }
  const secure = base.protocol === 'https:';
  const agentOptions = { keepAlive: true, maxSockets: options.connections ?? 8 };
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const headers: Record<string, string> = {};
  if (options.token !== undefined && options.token !== '') {
    headers.authorization = `Bearer ${options.token}`;
  }
  const description = base.href.replace(/\/$/, '');

  const get = (path: string): Promise<Buffer> =>
    new Promise<Buffer>((resolve, reject) => {
      const url = new URL(path, base);
      const failed = (error: unknown): void => {
        reject(
          new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `GET ${url.href}: ${String(error)}`, {
            cause: error,
          }),
        );
      };
      const onResponse = (response: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', failed);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve(body);
            return;
          }
          const code = STATUS_CODES[status] ?? 'LDG_ERR_STORE_UNAVAILABLE';
          reject(
            new LedgerError(code, `GET /${path}: HTTP ${status} ${body.toString('utf8', 0, 200)}`),
          );
        });
      };
      const req = (secure ? httpsRequest : httpRequest)(url, { agent, headers }, onResponse);
      req.on('error', failed);
      req.end();
    });
  const orUndefined = async <T>(work: Promise<T>): Promise<T | undefined> => {
    try {
      return await work;
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'LDG_ERR_NOT_FOUND') return undefined;
      throw error;
    }
  };
  const bytes = async (path: string): Promise<Uint8Array> => {
    const body = await get(path);
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  };
  return {
    description,
    latestCheckpoint: () => orUndefined(get('checkpoint').then((b) => b.toString('utf8'))),
    async *knownCheckpoints() {
      // over HTTP the log's own CheckpointSigned events and /checkpoint are all there is
    },
    entryBundle: (index, width) => bytes(entriesPath(index, width)),
    tile: (tile: TileId) => orUndefined(bytes(tilePath(tile))),
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
}
