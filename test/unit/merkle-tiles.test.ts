/** tlog-tiles paths, tile math, tile-backed proofs and entry bundles. */
import t from 'tap';
import {
  CompactRange,
  MAX_ENTRY_SIZE,
  TileAccumulator,
  createTileHashReader,
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entriesPath,
  hashFromTile,
  locateNode,
  parseTilePath,
  partialTiles,
  tileConsistencyProof,
  tileInclusionProof,
  tilePath,
  tileRootHash,
  tileWidth,
} from '../../ledger/merkle/index.js';
import type { TileData, TileId } from '../../ledger/merkle/index.js';
import { ReferenceTree, leafData, seededRandom } from '../support/reference-tree.js';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');
const BAD_REQUEST = { code: 'LDG_ERR_BAD_REQUEST' };
const DECODE = { code: 'LDG_ERR_DECODE' };

void t.test('tile index encoding (c2sp.org/tlog-tiles examples)', (t) => {
  t.equal(encodeTileIndex(1234067), 'x001/x234/067');
  t.equal(encodeTileIndex(0), '000');
  t.equal(encodeTileIndex(999), '999');
  t.equal(encodeTileIndex(1000), 'x001/000');
  t.equal(tilePath({ level: 0, index: 1234067, width: 256 }), 'tile/0/x001/x234/067');
  t.equal(tilePath({ level: 2, index: 5, width: 17 }), 'tile/2/005.p/17');
  t.equal(entriesPath(1234067), 'tile/entries/x001/x234/067');
  t.equal(entriesPath(3, 112), 'tile/entries/003.p/112');
  const VALIDATION = { code: 'LDG_ERR_VALIDATION' };
  t.throws(() => tilePath({ level: 64, index: 0, width: 256 }), VALIDATION);
  t.throws(() => tilePath({ level: 1.5, index: 0, width: 256 }), VALIDATION);
  t.throws(() => tilePath({ level: -1, index: 0, width: 256 }), VALIDATION);
  t.throws(() => tilePath({ level: 0, index: 0, width: 0 }), VALIDATION);
  t.throws(() => tilePath({ level: 0, index: 0, width: 257 }), VALIDATION);
  t.throws(() => entriesPath(0, 2.5), VALIDATION);
  t.throws(() => tilePath({ level: 0, index: -1, width: 256 }), VALIDATION);
  t.throws(() => encodeTileIndex(2 ** 53), VALIDATION);
  t.end();
});

void t.test('tile paths round-trip', (t) => {
  const random = seededRandom(256);
  const bad: string[] = [];
  const indexes = [0, 1, 999, 1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER];
  for (let i = 0; i < 300; i++) indexes.push(Math.floor(random() ** 3 * Number.MAX_SAFE_INTEGER));
  for (const index of indexes) {
    const width = 1 + Math.floor(random() * 256);
    const level = Math.floor(random() * 64);
    const tile: TileId = { level, index, width };
    const parsed = parseTilePath(tilePath(tile));
    if (parsed.kind !== 'hashes' || JSON.stringify(parsed.tile) !== JSON.stringify(tile)) {
      bad.push(tilePath(tile));
    }
    const entries = parseTilePath(entriesPath(index, width));
    if (JSON.stringify(entries) !== JSON.stringify({ kind: 'entries', index, width })) {
      bad.push(entriesPath(index, width));
    }
  }
  t.same(bad, []);
  t.end();
});

void t.test('tile paths are parsed defensively', (t) => {
  const invalid = [
    '',
    'tile',
    'tile/0',
    'tiles/0/000',
    '/tile/0/000',
    'tile/64/000',
    'tile/01/000',
    'tile/-1/000',
    'tile/a/000',
    'tile/0/',
    'tile/0/1234',
    'tile/0/12',
    'tile/0/x001',
    'tile/0/001/002',
    'tile/0/x000/001',
    'tile/0/X001/000',
    'tile/0/000.p/0',
    'tile/0/000.p/256',
    'tile/0/000.p/010',
    'tile/0/000.p/',
    'tile/0/000.p',
    'tile/0/000.p/5/6',
    'tile/0/.p/5',
    'tile/0/000/',
    'tile/0/x009/x007/x199/x254/x740/992',
    'tile/0/x001/x001/x001/x001/x001/x001/000',
    'tile/entries/x000/000',
    'tile/entries/000.p/999',
    `tile/0/${'x001/'.repeat(40)}000`,
  ];
  for (const path of invalid) t.throws(() => parseTilePath(path), BAD_REQUEST, path);
  t.throws(() => parseTilePath(7 as unknown as string), BAD_REQUEST, 'not a string');
  t.same(parseTilePath('tile/63/x009/x007/x199/x254/x740/991'), {
    kind: 'hashes',
    tile: { level: 63, index: Number.MAX_SAFE_INTEGER, width: 256 },
  });
  t.end();
});

void t.test('tile widths and partial tiles (spec examples)', (t) => {
  // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial
  // level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of
  // width 17, and one partial level 2 tile of width 1"
  t.same(partialTiles(70_000), [
    { level: 0, index: 273, width: 112 },
    { level: 1, index: 1, width: 17 },
    { level: 2, index: 0, width: 1 },
  ]);
  t.equal(tileWidth(0, 272, 70_000), 256);
  t.equal(tileWidth(0, 273, 70_000), 112);
  t.equal(tileWidth(0, 274, 70_000), 0);
  t.equal(tileWidth(1, 0, 70_000), 256);
  t.equal(tileWidth(3, 0, 70_000), 0);
  t.same(partialTiles(256), [{ level: 1, index: 0, width: 1 }], 'size 256');
  t.same(partialTiles(0), []);
  t.throws(() => tileWidth(0, 0, -5), { code: 'LDG_ERR_PROOF_MALFORMED' });
  t.end();
});

void t.test('where a node lives', (t) => {
  t.same(locateNode(0, 5), { level: 0, index: 0, offset: 5, count: 1 });
  t.same(locateNode(3, 5), { level: 0, index: 0, offset: 40, count: 8 });
  t.same(locateNode(0, 300), { level: 0, index: 1, offset: 44, count: 1 });
  t.same(locateNode(8, 300), { level: 1, index: 1, offset: 44, count: 1 });
  t.same(locateNode(9, 1), { level: 1, index: 0, offset: 2, count: 2 });
  t.same(locateNode(15, 3), { level: 1, index: 1, offset: 128, count: 128 });
  const tile = new Uint8Array(4 * 32);
  for (const [offset, count] of [
    [0, 3],
    [3, 2],
    [-1, 1],
    [0.5, 1],
    [0, 0],
    [0, 0.5],
  ] as const) {
    t.throws(() => hashFromTile(tile, offset, count), DECODE, `offset ${offset} count ${count}`);
  }
  t.throws(() => hashFromTile(new Uint8Array(33), 0, 1), DECODE, 'ragged tile');
  t.equal(hex(hashFromTile(tile, 3, 1)), hex(new Uint8Array(32)));
  t.end();
});

// a tree of 70,000 leaves, written to tiles by a CompactRange + TileAccumulator
const SIZE = 70_000;
const tree = new ReferenceTree(Array.from({ length: SIZE }, (_, i) => leafData(i)));
const store = new Map<string, Uint8Array>();
const snapshots = new Map<number, TileData[]>();
{
  const acc = new TileAccumulator({
    onFullTile: ({ tile, data }) => store.set(tilePath(tile), data),
  });
  const range = CompactRange.empty();
  for (let i = 0; i < SIZE; i++) {
    range.appendLeaf(leafData(i), acc.visit);
    if ([1000, 65_536, 65_537].includes(i + 1)) snapshots.set(i + 1, acc.partialTiles());
  }
  for (const { tile, data } of acc.partialTiles()) store.set(tilePath(tile), data);
}
let fetches = 0;
const fetchTile = (tile: TileId): Promise<Uint8Array> => {
  fetches++;
  const data = store.get(tilePath(tile));
  return data === undefined
    ? Promise.reject(new Error(`no tile ${tilePath(tile)}`))
    : Promise.resolve(data);
};

void t.test('tiles hold the right hashes', (t) => {
  t.equal(store.size, 273 + 1 + 1 + 1 + 1, 'full and partial tiles of size 70,000');
  const level0 = store.get('tile/0/273.p/112') as Uint8Array;
  t.equal(hex(level0.subarray(0, 32)), hex(tree.leafHashAt(273 * 256)));
  const level1 = store.get('tile/1/000') as Uint8Array;
  t.equal(hex(level1.subarray(32 * 17, 32 * 18)), hex(tree.node(8, 17)));
  t.equal(hex(store.get('tile/2/000.p/1') as Uint8Array), hex(tree.node(16, 0)));
  t.end();
});

void t.test('proofs from tiles match the reference', async (t) => {
  const random = seededRandom(70_000);
  const bad: string[] = [];
  for (let n = 0; n < 40; n++) {
    const index = Math.floor(random() * SIZE);
    const proof = await tileInclusionProof(index, SIZE, fetchTile);
    if (proof.map(hex).join() !== tree.inclusionPath(index, SIZE).map(hex).join()) {
      bad.push(`inclusion ${index}`);
    }
    const size1 = 1 + Math.floor(random() * SIZE);
    const cons = await tileConsistencyProof(size1, SIZE, fetchTile);
    if (cons.map(hex).join() !== tree.consistency(size1, SIZE).map(hex).join()) {
      bad.push(`consistency ${size1}`);
    }
  }
  t.same(bad, []);
  t.equal(hex(await tileRootHash(SIZE, fetchTile)), hex(tree.root(SIZE)));
  t.equal(hex(await tileRootHash(0, fetchTile)), hex(tree.root(0)));
  // full tiles serve smaller trees too
  t.equal(hex(await tileRootHash(65_536, fetchTile)), hex(tree.root(65_536)));
});

void t.test('a reader fetches each tile once per call and checks it', async (t) => {
  const reader = createTileHashReader(SIZE, fetchTile);
  fetches = 0;
  await reader.readNodes([
    { level: 0, index: 1 },
    { level: 0, index: 2 },
    { level: 3, index: 4 },
  ]);
  t.equal(fetches, 1, 'three nodes from one tile');
  await t.rejects(reader.readNodes([{ level: 0, index: SIZE }]), {
    code: 'LDG_ERR_PROOF_MALFORMED',
  });
  await t.rejects(reader.readNodes([{ level: 17, index: 0 }]), {
    code: 'LDG_ERR_PROOF_MALFORMED',
  });
  const broken = createTileHashReader(SIZE, () => Promise.resolve(new Uint8Array(100)));
  await t.rejects(broken.readNodes([{ level: 0, index: 0 }]), DECODE);
  const wrongType = createTileHashReader(SIZE, () => Promise.resolve('x' as unknown as Uint8Array));
  await t.rejects(wrongType.readNodes([{ level: 0, index: 0 }]), DECODE);
  t.throws(() => createTileHashReader(-1, fetchTile), { code: 'LDG_ERR_PROOF_MALFORMED' });
});

void t.test('an accumulator resumes from partial tiles', (t) => {
  for (const [size, partials] of snapshots) {
    const resumed = new Map<string, Uint8Array>();
    const acc = TileAccumulator.resume(size, partials, {
      onFullTile: ({ tile, data }) => resumed.set(tilePath(tile), data),
    });
    const range = CompactRange.fromHashes(
      size,
      CompactRange.nodesFor(size).map((n) => tree.node(n.level, n.index)),
    );
    for (let i = size; i < SIZE; i++) range.appendLeaf(leafData(i), acc.visit);
    for (const { tile, data } of acc.partialTiles()) resumed.set(tilePath(tile), data);
    const bad = [...resumed].filter(
      ([path, data]) => hex(store.get(path) ?? new Uint8Array()) !== hex(data),
    );
    t.same(
      bad.map(([p]) => p),
      [],
      `resumed at ${size}`,
    );
    t.ok(resumed.has('tile/2/000.p/1'));
  }
  TileAccumulator.resume(0, []);
  t.end();
});

void t.test('resume refuses partial tiles that do not fit the size', (t) => {
  const partials = snapshots.get(65_537) as TileData[];
  t.equal(partials.length, 2, '65,537 = 1 leaf past a full level-1 tile, and the level-2 node');
  const [p0, p2] = partials as [TileData, TileData];
  t.throws(() => TileAccumulator.resume(65_537, [p0]), DECODE, 'one missing');
  t.throws(() => TileAccumulator.resume(65_537, [p0, p0]), DECODE, 'duplicate level');
  t.throws(
    () => TileAccumulator.resume(65_537, [p0, { tile: { ...p2.tile, level: 1 }, data: p2.data }]),
    DECODE,
    'wrong level',
  );
  t.throws(
    () => TileAccumulator.resume(65_537, [p0, { tile: { ...p2.tile, index: 1 }, data: p2.data }]),
    DECODE,
    'wrong index',
  );
  t.throws(
    () => TileAccumulator.resume(65_537, [p0, { tile: { ...p2.tile, width: 2 }, data: p2.data }]),
    DECODE,
    'wrong width',
  );
  t.throws(
    () => TileAccumulator.resume(65_537, [p0, { tile: p2.tile, data: new Uint8Array(31) }]),
    DECODE,
    'wrong length',
  );
  const acc = new TileAccumulator();
  acc.visit(0, 0, new Uint8Array(32));
  acc.visit(1, 0, new Uint8Array(32));
  t.throws(() => acc.visit(0, 2, new Uint8Array(32)), { code: 'LDG_ERR_INTERNAL' }, 'a gap');
  t.same(
    acc.partialTiles().map((p) => p.tile),
    [{ level: 0, index: 0, width: 1 }],
  );
  t.end();
});

void t.test('entry bundles', (t) => {
  const entries = [
    new Uint8Array(0),
    Uint8Array.of(1, 2, 3),
    new Uint8Array(MAX_ENTRY_SIZE).fill(0xab),
    new TextEncoder().encode('{"event":"x"}'),
  ];
  const bundle = encodeEntryBundle(entries);
  t.equal(bundle.length, 4 * 2 + 3 + MAX_ENTRY_SIZE + 13);
  t.same(Array.from(bundle.subarray(0, 7)), [0, 0, 0, 3, 1, 2, 3]);
  t.same(decodeEntryBundle(bundle, 4).map(hex), entries.map(hex));
  t.same(decodeEntryBundle(new Uint8Array(0)), []);
  t.throws(() => encodeEntryBundle([new Uint8Array(MAX_ENTRY_SIZE + 1)]), {
    code: 'LDG_ERR_PAYLOAD_TOO_LARGE',
  });
  t.throws(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(0))), {
    code: 'LDG_ERR_VALIDATION',
  });
  const full = encodeEntryBundle(Array.from({ length: 256 }, () => Uint8Array.of(7)));
  t.equal(decodeEntryBundle(full, 256).length, 256);
  t.throws(() => decodeEntryBundle(Uint8Array.of(...full, 0, 0)), DECODE, 'a 257th entry');
  t.throws(() => decodeEntryBundle(Uint8Array.of(0)), DECODE, 'truncated length');
  t.throws(() => decodeEntryBundle(Uint8Array.of(0, 5, 1, 2)), DECODE, 'truncated entry');
  t.throws(() => decodeEntryBundle(bundle, 3), DECODE, 'wrong count');
  t.end();
});
