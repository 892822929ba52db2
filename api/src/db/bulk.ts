import type mongoose from 'mongoose';

/**
 * FerretDB v1 (the embedded database) never answers a write batch of 100 updates or more: the call
 * hangs. Bulk writes go through this helper, in chunks below that (one round trip per chunk).
 */
export const WRITE_CHUNK = 90;

export async function bulkWriteInChunks(
  model: mongoose.Model<never>,
  ops: mongoose.AnyBulkWriteOperation[],
  options: mongoose.MongooseBulkWriteOptions = {},
): Promise<void> {
  for (let i = 0; i < ops.length; i += WRITE_CHUNK)
    await model.bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: false, timestamps: false, ...options });
}
