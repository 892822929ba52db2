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
  /** The job that holds the claim (idempotency keys of jobs, jobs/agenda.ts). */
  jobId: { type: String },
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

/**
 * The claim of an idempotency key by a job: true for the job that claims `key` first — and for its
 * own later attempts —, false for any other job.
 */
export async function claimJob(key: string, jobId: string): Promise<boolean> {
  try {
    await JobClaim.create({ _id: key, jobId });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const holder = await JobClaim.findById(key, { jobId: 1 }).lean();
    return holder?.jobId === jobId;
  }
}
