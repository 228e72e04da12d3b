/**
 * The signing key and checkpoint configuration, end to end: `keys generate`
 * and `keys show`, a ledger signing with an operator's key, the errors that
 * name the variable, a ledger without a sequencer, and a ledger killed with
 * SIGKILL mid-traffic whose log still verifies after restart.
 */
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import { loadConfig } from '../../services/config.js';
import { ensureDevSecret, mintToken } from '../../services/auth.js';
import { startLedger } from '../../services/main.js';
import {
  encodeBatch,
  makeEvents,
  postEvents,
  startTestLedger,
  tempDir,
} from '../support/ledger-server.js';
import { runCli, verifierKeyOf } from '../support/sequencer-cli.js';
import { referenceOpenCheckpoint } from '../support/sequencer-reference.js';
import { killHard, spawnLedger } from '../support/spawn-ledger.js';

void t.test(
  'keys generate writes a 0600 key file and prints its verifier key; keys show prints it again',
  async (t) => {
    const dir = tempDir();
    const file = join(dir, 'log.key');
    const gen = await runCli([
      'keys',
      'generate',
      '--name',
      'ledger.example.com/prod',
      '--out',
      file,
    ]);
    t.equal(gen.code, 0, gen.stderr);
    t.equal(statSync(file).mode & 0o777, 0o600, 'mode 0600');
    const signer = parsePrivateKey(readFileSync(file, 'utf8').trim());
    t.equal(signer.name, 'ledger.example.com/prod');
    t.equal(gen.stdout.trim(), signer.verifierKey(), 'prints the verifier key');
    t.match(gen.stdout, /^ledger\.example\.com\/prod\+[0-9a-f]{8}\+/);
    const again = await runCli(['keys', 'generate', '--out', file]);
    t.equal(again.code, 1, 'never overwrites a key');
    t.match(again.stderr, /LDG_ERR_CONFLICT/);
    const show = await runCli(['keys', 'show', '--key-file', file]);
    t.equal(show.stdout.trim(), signer.verifierKey());
    t.equal(
      (await runCli(['keys', 'generate', '--name', 'has space', '--out', join(dir, 'x')])).code,
      2,
    );
  },
);

void t.test('a ledger signs with the operator key named by LEDGER_SIGNING_KEY_FILE', async (t) => {
  const dir = tempDir();
  const file = join(dir, 'log.key');
  const vkey = (
    await runCli(['keys', 'generate', '--name', 'ledger.example.com/prod', '--out', file])
  ).stdout.trim();
  const l = await startTestLedger(t, {
    LEDGER_SIGNING_KEY_FILE: file,
    LEDGER_CHECKPOINT_INTERVAL_MS: '30',
  });
  const res = await postEvents(
    l.url,
    l.token('gw-1', 'acme'),
    encodeBatch(makeEvents('gw-1', 'acme', 5)),
    'application/x-protobuf',
    '?wait=checkpoint',
  );
  t.equal(res.status, 200);
  const cp = referenceOpenCheckpoint(await (await fetch(`${l.url}/checkpoint`)).text(), vkey);
  t.ok(cp.signedByKey);
  t.equal(cp.origin, 'ledger.example.com/prod');
});

void t.test('configuration errors name the variable', async (t) => {
  const dir = tempDir();
  const missing = loadConfig({
    LEDGER_DATA_DIR: dir,
    LEDGER_PORT: '0',
    LEDGER_LOG_LEVEL: 'silent',
    LEDGER_SIGNING_KEY_FILE: join(dir, 'none'),
  });
  await t.rejects(startLedger(missing), {
    code: 'LDG_ERR_CONFIG',
    message: /LEDGER_SIGNING_KEY_FILE/,
  });

  // a fresh data directory gets a key named after LEDGER_ORIGIN
  const l = await startTestLedger(t, {
    LEDGER_DATA_DIR: dir,
    LEDGER_ORIGIN: 'audit.example.org/eu',
  });
  t.match(verifierKeyOf(dir), /^audit\.example\.org\/eu\+/);
  t.equal(statSync(join(dir, 'signing-key')).mode & 0o777, 0o600);
  await l.close();
  const other = loadConfig({
    LEDGER_DATA_DIR: dir,
    LEDGER_PORT: '0',
    LEDGER_LOG_LEVEL: 'silent',
    LEDGER_ORIGIN: 'other.example.org/x',
  });
  await t.rejects(startLedger(other), { code: 'LDG_ERR_CONFIG', message: /LEDGER_ORIGIN/ });
  t.throws(() => loadConfig({ LEDGER_ORIGIN: 'has space' }), {
    code: 'LDG_ERR_CONFIG',
    message: /LEDGER_ORIGIN/,
  });
  t.throws(() => loadConfig({ LEDGER_CHECKPOINT_INTERVAL_MS: '5' }), {
    message: /LEDGER_CHECKPOINT_INTERVAL_MS/,
  });
  t.throws(() => loadConfig({ LEDGER_SEQUENCER: 'maybe' }), { message: /LEDGER_SEQUENCER/ });

  const fresh = tempDir();
  await startTestLedger(t, { LEDGER_DATA_DIR: fresh });
  const origin = `audit-ledger.local/${hostname().replace(/[^A-Za-z0-9.-]/g, '-')}`;
  t.equal(verifierKeyOf(fresh).slice(0, origin.length + 1), `${origin}+`, 'default origin');
});

void t.test('LEDGER_SEQUENCER=false: no log routes, no checkpoint waiting', async (t) => {
  const l = await startTestLedger(t, { LEDGER_SEQUENCER: 'false' });
  t.equal((await fetch(`${l.url}/checkpoint`)).status, 404);
  const res = await postEvents(
    l.url,
    l.token('gw-1', 'acme'),
    encodeBatch(makeEvents('gw-1', 'acme', 2)),
    'application/x-protobuf',
    '?wait=checkpoint',
  );
  t.equal(res.status, 400);
  t.equal(res.body.error?.code, 'LDG_ERR_BAD_REQUEST');
});

void t.test(
  'kill -9 of a serving ledger, restart: the log verifies, checkpoints stay consistent',
  async (t) => {
    const dataDir = tempDir();
    const secret = ensureDevSecret(dataDir);
    const env = { LEDGER_DATA_DIR: dataDir, LEDGER_CHECKPOINT_INTERVAL_MS: '40' };
    const token = mintToken({
      secret,
      subject: 'gw-1',
      tenant: 'acme',
      scopes: ['ledger:write'],
      audience: 'audit-ledger',
      ttlSeconds: 600,
    });
    let server = await spawnLedger(env);
    t.teardown(() => killHard(server.child));
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        try {
          await postEvents(
            server.url,
            token,
            encodeBatch(makeEvents('gw-1', 'acme', 50, w * 10_000 + i)),
          );
        } catch {
          return;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1200));
    await killHard(server.child);
    stop = true;
    await Promise.all(writers);

    server = await spawnLedger(env);
    const res = await postEvents(
      server.url,
      token,
      encodeBatch(makeEvents('gw-1', 'acme', 20, 99_999)),
      'application/x-protobuf',
      '?wait=checkpoint',
    );
    t.equal(res.status, 200, 'the restarted ledger sequences and signs again');
    await new Promise((r) => setTimeout(r, 200));
    await killHard(server.child);
    const run = await runCli(['verify-log', '--data', dataDir, '--key', verifierKeyOf(dataDir)]);
    t.equal(run.code, 0, run.stderr);
    t.match(run.stdout, /checkpoints verified and consistent/);
  },
);
