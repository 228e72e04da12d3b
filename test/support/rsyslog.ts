/**
 * A private rsyslogd (Debian's, installed by scripts/rsyslog-install, which
 * scripts/test runs first) for the syslog connector tests: TCP and TLS
 * (GnuTLS driver, throwaway CA made with openssl) inputs on 127.0.0.1,
 * RFC 5424 parsing, every message written to a file as the properties
 * rsyslog parsed out of it. Direct (unqueued) processing, so a message is in
 * the file as soon as rsyslog has read it. The daemon can be killed and
 * started again on the same ports.
 *
 * Not optional: when rsyslogd or its TLS driver is missing, `requireRsyslog`
 * throws and the test fails with the script to run.
 */
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const HINT =
  'run scripts/rsyslog-install (scripts/test does it for you); the syslog tests are not optional';

/** Where rsyslogd may live (root's PATH has /usr/sbin; a user's may not). */
const CANDIDATES = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd', '/usr/local/sbin/rsyslogd'];
const GTLS_DIRS = [
  '/usr/lib/x86_64-linux-gnu/rsyslog',
  '/usr/lib/aarch64-linux-gnu/rsyslog',
  '/usr/lib/rsyslog',
];

/** The rsyslogd binary; throws naming scripts/rsyslog-install when it or the TLS driver is missing. */
export function requireRsyslog(): string {
  const bin = CANDIDATES.find((p) => existsSync(p));
  if (bin === undefined) throw new Error(`rsyslogd is not installed: ${HINT}`);
  if (!GTLS_DIRS.some((d) => existsSync(join(d, 'lmnsd_gtls.so')))) {
    throw new Error(`rsyslog's GnuTLS driver (package rsyslog-gnutls) is not installed: ${HINT}`);
  }
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error(`openssl is not installed: ${HINT}`);
  }
  return bin;
}

/** PEM files of a throwaway CA and a server certificate for 127.0.0.1 / localhost. */
export interface TestPki {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** Makes a CA and a server certificate (EC P-256, valid two days) in `dir` with openssl. */
export function makeTestPki(dir: string): TestPki {
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=audit-ledger test CA',
  ]);
  run(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
  );
  run([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  ]);
  return {
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server.key'),
  };
}

/** One message as rsyslog parsed it (RFC 5424 properties). */
export interface ParsedSyslog {
  readonly facility: number;
  readonly severity: number;
  readonly timestamp: string;
  readonly hostname: string;
  readonly appName: string;
  readonly procId: string;
  readonly msgId: string;
  readonly structuredData: string;
  readonly msg: string;
  readonly input: 'tcp' | 'tls';
}

const FIELDS = 10;

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

function config(dir: string, pki: TestPki, tcpPort: number, tlsPort: number): string {
  // port 0 + listenPortFileName on the first start; the same ports on a restart
  return `
global(workDirectory="${dir}" maxMessageSize="256k" net.enableDNS="off")
main_queue(queue.type="direct")
module(load="imtcp" maxSessions="1000")
input(type="imtcp" address="127.0.0.1" port="${tcpPort}" listenPortFileName="${dir}/tcp.port"
      ruleset="tcp" supportOctetCountedFraming="on")
input(type="imtcp" address="127.0.0.1" port="${tlsPort}" listenPortFileName="${dir}/tls.port"
      ruleset="tls" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon"
      streamDriver.CAFile="${pki.caFile}" streamDriver.CertFile="${pki.certFile}"
      streamDriver.KeyFile="${pki.keyFile}")
template(name="parsed" type="string"
  string="%syslogfacility%\\t%syslogseverity%\\t%timereported:::date-rfc3339%\\t%hostname%\\t%app-name%\\t%procid%\\t%msgid%\\t%structured-data%\\t%$!input%\\t%msg%\\n")
ruleset(name="tcp" queue.type="direct") {
  set $!input = "tcp";
  action(type="omfile" file="${dir}/messages.log" template="parsed" asyncWriting="off" flushOnTXEnd="on")
}
ruleset(name="tls" queue.type="direct") {
  set $!input = "tls";
  action(type="omfile" file="${dir}/messages.log" template="parsed" asyncWriting="off" flushOnTXEnd="on")
}
`;
}

/** A running private rsyslogd. */
export class Rsyslog {
  tcpPort = 0;
  tlsPort = 0;
  readonly outFile: string;
  private child: ChildProcess | undefined;
  private stderr = '';

  constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly pki: TestPki,
  ) {
    this.outFile = join(dir, 'messages.log');
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** Starts rsyslogd (first time: on free ports) and waits until both inputs listen. */
  async start(): Promise<void> {
    const conf = join(this.dir, 'rsyslog.conf');
    for (const f of ['tcp.port', 'tls.port']) writeFileSync(join(this.dir, f), '');
    writeFileSync(conf, config(this.dir, this.pki, this.tcpPort, this.tlsPort));
    this.stderr = '';
    const child = spawn(this.bin, ['-n', '-f', conf, '-i', join(this.dir, 'rsyslogd.pid')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: string): void => {
      this.stderr += d;
    };
    child.stdout?.setEncoding('utf8').on('data', keep);
    child.stderr?.setEncoding('utf8').on('data', keep);
    this.child = child;
    const restart = this.tcpPort > 0;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (restart) {
        // rsyslog writes the port files only for port 0: probe the known ports instead
        if ((await accepts(this.tcpPort)) && (await accepts(this.tlsPort))) return;
      } else {
        const tcp = Number(readFileSync(join(this.dir, 'tcp.port'), 'utf8').trim() || '0');
        const tls = Number(readFileSync(join(this.dir, 'tls.port'), 'utf8').trim() || '0');
        if (tcp > 0 && tls > 0) {
          this.tcpPort = tcp;
          this.tlsPort = tls;
          return;
        }
      }
      if (!this.running) throw new Error(`rsyslogd exited during start-up: ${this.stderr.trim()}`);
      if (Date.now() > deadline)
        throw new Error(`rsyslogd did not open its ports within 10 s: ${this.stderr.trim()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Kills the daemon (SIGKILL by default: no goodbye to connected senders) and waits for it to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child === undefined || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** Every message written so far, parsed from the output file. */
  messages(): ParsedSyslog[] {
    if (!existsSync(this.outFile)) return [];
    const out: ParsedSyslog[] = [];
    for (const line of readFileSync(this.outFile, 'utf8').split('\n')) {
      if (line === '') continue;
      const parts = line.split('\t');
      if (parts.length < FIELDS) throw new Error(`unexpected rsyslog output line: ${line}`);
      const [facility, severity, timestamp, hostname, appName, procId, msgId, sd, input] = parts;
      out.push({
        facility: Number(facility),
        severity: Number(severity),
        timestamp: timestamp!,
        hostname: hostname!,
        appName: appName!,
        procId: procId!,
        msgId: msgId!,
        structuredData: sd!,
        input: input === 'tls' ? 'tls' : 'tcp',
        msg: parts.slice(FIELDS - 1).join('\t'),
      });
    }
    return out;
  }
}

/** Starts a private rsyslogd in `dir` (a fresh temporary directory). Throws naming the install script when missing. */
export async function startRsyslog(dir: string): Promise<Rsyslog> {
  const bin = requireRsyslog();
  const r = new Rsyslog(bin, dir, makeTestPki(dir));
  await r.start();
  return r;
}
