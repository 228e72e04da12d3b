/**
 * The ledger's Merkle tree: RFC 9162 hashing, proofs (build and verify),
 * compact ranges for appends, and C2SP tlog-tiles.
 */
export {
  EMPTY_ROOT,
  HASH_SIZE,
  emptyRoot,
  equalBytes,
  hashChildren,
  hashChildrenInto,
  hashLeaf,
  hashLeafInto,
} from './hasher.js';
export type { HashReader, NodeHashGetter, NodeId, ProofPlan } from './proof.js';
export {
  assemblePlan,
  assemblePlanFrom,
  consistencyProof,
  consistencyProofFrom,
  consistencyProofPlan,
  inclusionProof,
  inclusionProofFrom,
  inclusionProofPlan,
  rangeNodes,
  rootFromConsistencyProof,
  rootFromInclusionProof,
  rootHash,
  rootHashFrom,
  rootHashPlan,
  verifyConsistency,
  verifyInclusion,
} from './proof.js';
export type { NodeVisitor } from './compact-range.js';
export { CompactRange } from './compact-range.js';
export type {
  NodeTileLocation,
  ParsedTilePath,
  TileAccumulatorOptions,
  TileData,
  TileFetcher,
  TileId,
} from './tiles.js';
export {
  MAX_ENTRY_SIZE,
  MAX_TILE_LEVEL,
  TILE_HEIGHT,
  TILE_WIDTH,
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
} from './tiles.js';
