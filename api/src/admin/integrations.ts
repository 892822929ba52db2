/**
 * Administration → Intégrations: API keys of third-party services, set by administrators and kept
 * server-side (`integrations` collection). The API never sends a key back: only whether it is set,
 * its last 4 characters, when and by whom it was set.
 */
import { Router } from 'express';
import mongoose, { Schema } from 'mongoose';
import { audit } from '../audit/audit.js';
import { requirePermission } from '../authz/index.js';
import {
  INTEGRATION_KEYS,
  INTEGRATION_LABELS,
  pappersKeySchema,
  type IntegrationDto,
  type IntegrationKey,
} from '../contracts/index.js';
import { notFound } from '../http/errors.js';
import { parse } from '../http/validate.js';

const integrationSchema = new Schema(
  {
    key: { type: String, enum: INTEGRATION_KEYS, required: true },
    apiKey: { type: String, required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    updatedByName: { type: String },
  },
  { timestamps: true },
);
integrationSchema.index({ key: 1 }, { unique: true });
export const Integration = mongoose.model('Integration', integrationSchema, 'integrations');

/** The API key of an integration, for server-side calls only; undefined when not configured. */
export async function integrationApiKey(key: IntegrationKey): Promise<string | undefined> {
  const doc = await Integration.findOne({ key }, { apiKey: 1 }).lean();
  return doc?.apiKey ?? undefined;
}

async function describe(key: IntegrationKey): Promise<IntegrationDto> {
  const doc = await Integration.findOne({ key }).lean();
  return {
    key,
    label: INTEGRATION_LABELS[key],
    configured: Boolean(doc),
    last4: doc ? doc.apiKey.slice(-4) : null,
    updatedAt: doc ? (doc as unknown as { updatedAt: Date }).updatedAt.toISOString() : null,
    updatedBy: doc?.updatedByName ?? null,
  };
}

const keyParam = (value: unknown): IntegrationKey => {
  if (!INTEGRATION_KEYS.includes(value as IntegrationKey)) throw notFound('Intégration inconnue.');
  return value as IntegrationKey;
};

export function integrationsRouter(): Router {
  const router = Router();

  router.get('/', requirePermission('admin', 'read', 'Integration'), async (_req, res) => {
    res.json(await Promise.all(INTEGRATION_KEYS.map(describe)));
  });

  router.put('/:key', requirePermission('admin', 'update', 'Integration'), async (req, res) => {
    const key = keyParam(req.params.key);
    const { apiKey } = parse(pappersKeySchema, req.body);
    const me = req.auth!.user;
    await Integration.updateOne(
      { key },
      { $set: { apiKey, updatedBy: me._id, updatedByName: `${me.firstName} ${me.lastName}` }, $setOnInsert: { key } },
      { upsert: true },
    );
    await audit(req, 'integration.update', {
      subject: 'Integration',
      subjectId: key,
      details: { change: 'key_set', last4: apiKey.slice(-4) },
    });
    res.json(await describe(key));
  });

  router.delete('/:key', requirePermission('admin', 'update', 'Integration'), async (req, res) => {
    const key = keyParam(req.params.key);
    const { deletedCount } = await Integration.deleteOne({ key });
    if (deletedCount)
      await audit(req, 'integration.update', {
        subject: 'Integration',
        subjectId: key,
        details: { change: 'key_removed' },
      });
    res.json(await describe(key));
  });

  return router;
}
