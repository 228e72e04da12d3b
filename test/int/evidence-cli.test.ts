/**
 * The CLI's evidence commands on a real running ledger's data directory:
 * `evidence` builds a package from DATA (and records EvidenceExported),
 * `verify` checks it with the published verifier key, exits 1 naming the
 * part when it was edited, and 2 on bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import t from 'tap';
import {
  evidenceCommand,
  isEvidencePackage,
  verifyEvidenceCommand,
} from '../../services/evidence/commands.js';
import { loadSigningKey } from '../../services/proofs/signing-key.js';
import { UsageError } from '../../services/verify/commands.js';
import type { CommandContext } from '../../services/verify/commands.js';
import {
  encodeBatch,
  postEvents,
  readAllEvents,
  startTestLedger,
} from '../support/ledger-server.js';
import { simulatedEvents } from '../support/evidence-ledger.js';

function capture(): { ctx: CommandContext; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    ctx: {
      stdout,
      stderr: stderr as unknown as NodeJS.WriteStream,
      env: { LEDGER_ARCHIVE: 'off' },
    },
    out: () => out,
    err: () => err,
  };
}

void t.test('evidence and verify from the command line', async (t) => {
  const l = await startTestLedger(t, { LEDGER_ARCHIVE: 'off' });
  const events = simulatedEvents('acme', 1200, Date.UTC(2026, 6, 1), 3_000_000, 9);
  for (let i = 0; i < events.length; i += 500) {
    const res = await postEvents(
      l.url,
      l.token(`gw-acme`, 'acme'),
      encodeBatch(events.slice(i, i + 500)),
      'application/x-protobuf',
      '?wait=checkpoint',
    );
    t.equal(res.status, 200);
  }
  await l.log?.sequencer.checkpointNow();
  const vkey = loadSigningKey({ dataDir: l.dataDir, file: null, origin: null }).verifierKey;
  const file = join(l.dataDir, 'q3-8.2.evidence');

  const built = capture();
  const code = await evidenceCommand(
    {
      control: ['8.2'],
      from: '2026-07-01',
      to: '2026-09-30',
      output: file,
      tenant: 'acme',
      requester: 'erin@acme.example',
      data: l.dataDir,
    },
    built.ctx,
    { dataDir: l.dataDir },
  );
  t.equal(code, 0, built.err());
  t.match(built.out(), /q3-8\.2\.evidence {2}\d+ events, checkpoint \d+/);
  t.equal(await isEvidencePackage(file), true);
  const exported = (await readAllEvents(l.store)).filter((e) => e.type === 'evidence_exported');
  t.equal(exported.length, 1, 'EvidenceExported recorded');

  const ok = capture();
  t.equal(await verifyEvidenceCommand([file], { key: vkey }, ok.ctx), 0, ok.err());
  t.match(ok.out(), /evidence package VERIFIED/);
  t.match(ok.out(), /controls {3}8\.2/);

  // edit the report: exit 1, the part named
  const bytes = readFileSync(file);
  const at = bytes.indexOf('id="total-events">');
  bytes[at + 18] = '9'.charCodeAt(0);
  const edited = join(l.dataDir, 'edited.evidence');
  writeFileSync(edited, bytes);
  const bad = capture();
  t.equal(await verifyEvidenceCommand([edited], { key: vkey }, bad.ctx), 1);
  t.match(bad.err(), /FAIL part report\.html: LDG_ERR_TAMPERED/);

  const noKey: unknown = await verifyEvidenceCommand([file], {}, capture().ctx).catch(
    (e: unknown) => e,
  );
  t.ok(noKey instanceof UsageError, 'no --key: usage error (exit 2)');
  const noTo: unknown = await evidenceCommand(
    { control: ['8.2'], from: '2026-07-01' },
    capture().ctx,
    { dataDir: l.dataDir },
  ).catch((e: unknown) => e);
  t.ok(noTo instanceof UsageError, 'no --to: usage error (exit 2)');
});
