/**
 * Syslog over TCP (RFC 6587 octet counting) or TLS (RFC 5425, node:tls):
 * RFC 5424 messages whose MSG is the CEF line (default), or the OCSF / JSON
 * record on one line.
 *
 * Acknowledgement. Syslog has no application-level acknowledgement, and a
 * write that reached the local socket buffer proves nothing. So each
 * delivery is one connection:
 *
 * 1. write every frame, then half-close (FIN, after a TLS close_notify);
 * 2. wait for the receiver to close its side in turn. TCP delivers in order,
 *    so a receiver only reads our end-of-stream after every frame before it;
 *    an orderly close (FIN, no reset, not before our data was flushed) says
 *    it read them all;
 * 3. open the next connection at once. A receiver that died with the frames
 *    read but not yet handled also "closes" (the kernel sends the FIN of a
 *    dead process's sockets), but a dead process no longer accepts
 *    connections: its listening socket goes away before its connections do.
 *    Only when the new connection is accepted is the delivery acknowledged;
 *    that connection carries the next delivery.
 *
 * Anything else (refused, reset, timeout) fails the delivery, which is sent
 * again whole: duplicates are possible, gaps are not. What the receiver does
 * with messages it has read is its own durability: rsyslog must process them
 * before reading on (direct or disk-assisted queues) for a crash of rsyslog
 * itself to lose nothing.
 */
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import {
  createSiemFormatter,
  formatSyslog,
  octetCountedFrame,
} from '../../projections/siem/index.js';
import type { SiemEvent } from '../../projections/siem/index.js';
import type { SyslogConnectorConfig } from './config.js';
import { DeliveryError, groupRecords } from './sink.js';
import type { ConnectorSink, Delivery } from './sink.js';

/** One connection to the receiver and what happened on it. */
class Connection {
  /** Our data and FIN are handed to the kernel. */
  flushed = false;
  /** The receiver closed its side after our data was flushed. */
  peerEnded = false;
  /** The receiver closed its side before our data was even flushed. */
  endedEarly = false;
  error: NodeJS.ErrnoException | undefined;
  readonly closed: Promise<void>;

  constructor(readonly socket: Socket) {
    socket.on('error', (e: NodeJS.ErrnoException) => {
      this.error ??= e;
    });
    socket.on('finish', () => {
      this.flushed = true;
    });
    socket.on('end', () => {
      if (this.flushed) this.peerEnded = true;
      else this.endedEarly = true;
    });
    // the receiver sends nothing we need; reading lets its FIN surface as 'end'
    socket.resume();
    this.closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  }

  /** Connected, and nothing ended or failed since. */
  get usable(): boolean {
    return (
      !this.socket.destroyed && this.error === undefined && !this.peerEnded && !this.endedEarly
    );
  }
}

/** Rejects after `ms` or when `signal` aborts, with `what`; `cancel` stops the timer. */
function deadline(
  ms: number,
  signal: AbortSignal,
  what: string,
): { promise: Promise<never>; cancel: () => void } {
  let cancel = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    const onAbort = (): void => reject(new DeliveryError(`${what}: aborted`));
    const timer = setTimeout(
      () => reject(new DeliveryError(`${what}: no answer within ${ms} ms`)),
      ms,
    );
    signal.addEventListener('abort', onAbort, { once: true });
    cancel = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
  });
  promise.catch(() => undefined);
  return { promise, cancel };
}

/** A sink writing RFC 5424 frames, one connection per delivery (see the module comment). */
export function createSyslogSink(
  config: SyslogConnectorConfig,
  productVersion: string,
): ConnectorSink {
  const formatter = createSiemFormatter(config.format, { productVersion });
  const options = {
    facility: config.facility,
    hostname: config.hostname,
    appName: config.appName,
    enterpriseId: config.enterpriseId,
  };
  const where = `syslog ${config.useTls ? 'tls' : 'tcp'}://${config.host}:${config.port}`;
  /** The connection opened after the last acknowledged delivery, for the next one. */
  let spare: Connection | undefined;

  const open = async (signal: AbortSignal): Promise<Connection> => {
    const socket = config.useTls
      ? tlsConnect({
          host: config.host,
          port: config.port,
          servername: config.tls.serverName ?? config.host,
          rejectUnauthorized: config.tls.rejectUnauthorized,
          ...(config.tls.ca ? { ca: config.tls.ca } : {}),
          ...(config.tls.cert ? { cert: config.tls.cert } : {}),
          ...(config.tls.key ? { key: config.tls.key } : {}),
        })
      : netConnect({ host: config.host, port: config.port });
    const conn = new Connection(socket);
    const limit = deadline(config.timeoutMs, signal, `${where}: connecting`);
    try {
      await Promise.race([
        limit.promise,
        new Promise<void>((resolve, reject) => {
          socket.once(config.useTls ? 'secureConnect' : 'connect', () => resolve());
          socket.once('error', (e: NodeJS.ErrnoException) =>
            reject(new DeliveryError(`${where}: ${e.code ?? e.message}`, undefined, { cause: e })),
          );
        }),
      ]);
    } catch (e) {
      socket.destroy();
      throw e;
    } finally {
      limit.cancel();
    }
    return conn;
  };

  return {
    prepare(events: readonly SiemEvent[]): Delivery[] {
      const records = events.map((e) => ({
        bytes: Buffer.from(octetCountedFrame(formatSyslog(e, formatter.line(e), options))),
        position: e.position,
      }));
      return groupRecords(records, config.maxEvents, config.maxBytes, (parts) =>
        Buffer.concat(parts),
      );
    },

    async send(delivery: Delivery, signal: AbortSignal): Promise<void> {
      let conn = spare;
      spare = undefined;
      if (conn === undefined || !conn.usable) {
        conn?.socket.destroy();
        conn = await open(signal);
      }
      const limit = deadline(
        config.timeoutMs,
        signal,
        `${where}: waiting for the receiver to close`,
      );
      try {
        conn.socket.end(delivery.body);
        await Promise.race([conn.closed, limit.promise]);
      } catch (e) {
        conn.socket.destroy();
        throw e;
      } finally {
        limit.cancel();
      }
      if (conn.error !== undefined) {
        throw new DeliveryError(`${where}: ${conn.error.code ?? conn.error.message}`, undefined, {
          cause: conn.error,
        });
      }
      if (conn.endedEarly)
        throw new DeliveryError(`${where}: the receiver closed before reading the delivery`);
      if (!conn.peerEnded)
        throw new DeliveryError(`${where}: closed without an orderly close from the receiver`);
      // the receiver must still be alive: a dead one's kernel closes look the same as its own
      try {
        spare = await open(signal);
      } catch (e) {
        throw new DeliveryError(
          `${where}: the receiver closed but then refused a new connection; delivery not confirmed`,
          undefined,
          { cause: e },
        );
      }
    },

    close(): Promise<void> {
      spare?.socket.destroy();
      spare = undefined;
      return Promise.resolve();
    },
  };
}
