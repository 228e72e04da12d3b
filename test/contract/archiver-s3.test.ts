/**
 * The archiver contract against real S3 Object Lock: the local Ceph radosgw
 * from scripts/rgw-start, one fresh Object Lock bucket per test.
 */
import t from 'tap';
import { createS3ArchiveTarget } from '../../ledger/archive/s3-archive-target.js';
import { createLockedTestBucket, requireRgw, rgwTargetOptions } from '../support/rgw.js';
import { archiverContract } from './archiver-contract.js';

// no top-level await: without radosgw every test fails with requireRgw's message
archiverContract(t, async (t) => {
  const rgw = await requireRgw();
  const bucket = await createLockedTestBucket(rgw, 'archiver');
  const target = createS3ArchiveTarget(rgwTargetOptions(rgw, bucket));
  t.teardown(() => target.close());
  return target;
});
