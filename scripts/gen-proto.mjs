#!/usr/bin/env node
// Regenerates proto/generated/ from proto/ledger/v1/*.proto:
//   ledger.js / ledger.d.ts  static protobufjs code (encode/decode, fromObject/toObject)
//   descriptor.json          reflection descriptor, used for the proto3 JSON mapping
// The output is committed; CI runs this and fails on a diff (scripts/check-generated).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = join(root, 'proto', 'ledger', 'v1');
const outDir = join(root, 'proto', 'generated');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const protos = readdirSync(protoDir)
  .filter((f) => f.endsWith('.proto'))
  .sort()
  .map((f) => join('proto', 'ledger', 'v1', f));

mkdirSync(outDir, { recursive: true });
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });

run(bin('pbjs'), [
  '-t',
  'static-module',
  '-w',
  'esm',
  '--force-number',
  '-o',
  'proto/generated/ledger.js',
  ...protos,
]);
// protobufjs/minimal is CommonJS: import its default export so Node's ESM loader sees every member.
const js = join(outDir, 'ledger.js');
writeFileSync(
  js,
  readFileSync(js, 'utf8').replace(
    'import * as $protobuf from "protobufjs/minimal";',
    'import $protobuf from "protobufjs/minimal.js";',
  ),
);
run(bin('pbts'), [
  '--no-comments',
  '-o',
  'proto/generated/ledger.d.ts',
  'proto/generated/ledger.js',
]);
run(bin('pbjs'), ['-t', 'json', '-o', 'proto/generated/descriptor.json', ...protos]);
console.log(`gen:proto: wrote ${outDir} from ${protos.length} files`);
