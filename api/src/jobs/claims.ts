/**
 * "Do this once", across API instances and concurrent runs: a claim is a document whose `_id` is the
 * key, so only the first insert of a key succeeds. A conditional `updateOne({ …, field: null })` is not
 * enough on the embedded FerretDB v1, whose updates are read-modify-write: two concurrent calls both
 * report a modification. The `_id` uniqueness holds everywhere.
 */
import mongoose, { Schema } from 'mongoose';

const claimSchema = new Schema({
  _id: { type: String, required: true },
  at: { type: Date, default: () => new Date() },
});

export const JobClaim = mongoose.model('JobClaim', claimSchema, 'job_claims');

/** True for the one caller that claims `key` first; false for every later one. */
export async function claimOnce(key: string): Promise<boolean> {
  try {
    await JobClaim.create({ _id: key });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
}
