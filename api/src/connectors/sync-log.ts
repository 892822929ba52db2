/**
 * The sync log: one line per outgoing call attempt of a connector (and per connection test), shown
 * to administrators in Administration → Intégrations → Journal. Never a secret, never a URL (some
 * carry a key in their query string): the operation, the HTTP status, the duration and a short
 * French message.
 */
import mongoose, { Schema } from 'mongoose';
import { logger } from '../logger.js';

const connectorLogSchema = new Schema({
  connector: { type: String, required: true },
  at: { type: Date, default: () => new Date() },
  operation: { type: String, required: true },
  ok: { type: Boolean, required: true },
  status: { type: Number, default: null },
  durationMs: { type: Number, default: 0 },
  attempt: { type: Number, default: 1 },
  message: { type: String, default: '' },
});
connectorLogSchema.index({ connector: 1, at: -1 });

export const ConnectorLog = mongoose.model('ConnectorLog', connectorLogSchema, 'connector_logs');

export interface SyncLogEntry {
  connector: string;
  operation: string;
  ok: boolean;
  status?: number | null;
  durationMs?: number;
  attempt?: number;
  message: string;
}

/** Writes a line; never fails the call it describes (and skips it when no database is connected). */
export async function logSync(entry: SyncLogEntry): Promise<void> {
  if (mongoose.connection.readyState !== 1) return;
  try {
    await ConnectorLog.create({ ...entry, message: entry.message.slice(0, 300) });
  } catch (err) {
    logger.error({ err, connector: entry.connector }, 'sync log write failed');
  }
}
