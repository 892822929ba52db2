/** The one place that connects to MongoDB, reports its health and closes the connection. */
import mongoose from 'mongoose';

mongoose.set('strictQuery', true);
// Operator injection (`{ "$gt": "" }`) is stopped at the edge: query strings are parsed flat
// (Express 5 "simple" parser) and every body goes through a strict zod schema whose fields are
// scalars, so no user value reaches a filter as an object. The scope conditions we build ourselves
// do carry operators ($in, $or), which is why mongoose's global `sanitizeFilter` is not used.

export async function connectDatabase(uri: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, {
    serverSelectionTimeoutMS: 10_000,
    // FerretDB v1 has no retryable writes; MongoDB keeps its default when the URI says so.
    retryWrites: /retryWrites=true/.test(uri),
  });
  return mongoose;
}

export async function databaseHealth(): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return { ok: false, error: 'not connected' };
  const started = performance.now();
  try {
    await db.admin().command({ ping: 1 });
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
