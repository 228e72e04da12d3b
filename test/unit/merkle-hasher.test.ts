import { createHash } from 'node:crypto';
import t from 'tap';
import {
  EMPTY_ROOT,
  emptyRoot,
  equalBytes,
  hashChildren,
  hashChildrenInto,
  hashLeaf,
  hashLeafInto,
} from '../../ledger/merkle/index.js';
import { refHashChildren, refHashLeaf } from '../support/reference-tree.js';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');

void t.test('empty root is SHA-256 of nothing', (t) => {
  const want = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  t.equal(hex(EMPTY_ROOT), want);
  const copy = emptyRoot();
  t.equal(hex(copy), want);
  t.not(copy, EMPTY_ROOT, 'a fresh copy each time');
  t.end();
});

void t.test('leaf hashes (RFC 9162 §2.1.1; roots from the vectors README)', (t) => {
  // a one-leaf tree's root is its leaf hash: size-1 root of the reference tree, leaf ""
  t.equal(
    hex(hashLeaf(new Uint8Array(0))),
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  );
  for (const size of [1, 100, 4095, 4096, 4097, 70_000]) {
    const data = new Uint8Array(size).map((_, i) => (i * 7) & 0xff);
    t.equal(hex(hashLeaf(data)), hex(refHashLeaf(data)), `leaf of ${size} bytes`);
  }
  const out = new Uint8Array(40).fill(9);
  hashLeafInto(Uint8Array.of(1, 2, 3), out, 4);
  t.equal(hex(out.subarray(4, 36)), hex(refHashLeaf(Uint8Array.of(1, 2, 3))));
  t.equal(out[3], 9, 'bytes before the offset untouched');
  t.equal(out[36], 9, 'bytes after the hash untouched');
  const zeroOffset = new Uint8Array(32);
  hashLeafInto(Uint8Array.of(5), zeroOffset);
  t.equal(hex(zeroOffset), hex(refHashLeaf(Uint8Array.of(5))));
  t.end();
});

void t.test('node hashes', (t) => {
  const l = refHashLeaf(Uint8Array.of(0));
  const r = refHashLeaf(Uint8Array.of(0x10));
  t.equal(hex(hashChildren(l, r)), hex(refHashChildren(l, r)));
  t.equal(
    hex(hashChildren(l, r)),
    createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest('hex'),
  );
  // result written over one of its own inputs
  const both = new Uint8Array(64);
  both.set(l);
  both.set(r, 32);
  hashChildrenInto(both.subarray(0, 32), both.subarray(32), both, 32);
  t.equal(hex(both.subarray(32)), hex(refHashChildren(l, r)));
  const fresh = new Uint8Array(32);
  hashChildrenInto(l, r, fresh);
  t.equal(hex(fresh), hex(refHashChildren(l, r)));
  t.end();
});

void t.test('children must be 32 bytes', (t) => {
  const ok = new Uint8Array(32);
  const short = new Uint8Array(31);
  t.throws(() => hashChildren(short, ok), { code: 'LDG_ERR_PROOF_MALFORMED' });
  t.throws(() => hashChildren(ok, short), { code: 'LDG_ERR_PROOF_MALFORMED' });
  t.throws(() => hashChildrenInto(ok, new Uint8Array(33), ok), { code: 'LDG_ERR_PROOF_MALFORMED' });
  t.end();
});

void t.test('equalBytes', (t) => {
  t.ok(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2)));
  t.notOk(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3)));
  t.notOk(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1)));
  t.end();
});
