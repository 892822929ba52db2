/**
 * Files of a record, under /api/files. Access follows the owner record's scope (files/owners.ts).
 *
 *   POST   /?owner=Contact:<id>&kind=attachment   multipart upload, one part "file" → 201 FileDto
 *   GET    /?owner=Contact:<id>[&kind=…]          the record's files → { items: FileDto[] }
 *   GET    /:id                                   download (attachment, exact bytes)
 *   DELETE /:id                                   → 204
 */
import busboy from 'busboy';
import { Router, type Request } from 'express';
import { pipeline } from 'node:stream/promises';
import { audit } from '../audit/audit.js';
import { requireAuth } from '../authz/index.js';
import { FILE_KIND_RULES, fileListQuerySchema, fileUploadQuerySchema, type FileDto } from '../contracts/index.js';
import { HttpError, notFound } from '../http/errors.js';
import { idParams, routeTable } from '../http/route.js';
import { contentDisposition } from './names.js';
import { ensureOwnerAccess } from './owners.js';
import {
  deleteStoredFile,
  findStoredFile,
  listStoredFiles,
  openFileStream,
  storeFile,
  tooLarge,
  toFileDto,
  type StoreMeta,
} from './store.js';

/** Reads the multipart request; its one file part streams into the store. */
async function receive(req: Request, meta: Omit<StoreMeta, 'name'>): Promise<FileDto> {
  const max = FILE_KIND_RULES[meta.kind].maxBytes;
  if (Number(req.headers['content-length'] ?? 0) > max + 64 * 1024) throw tooLarge(meta.kind);
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? ''))
    throw new HttpError(400, 'Envoyez le fichier en multipart/form-data (champ « file »).');
  // One byte over the limit is enough to refuse: busboy drops the rest of the part.
  // defParamCharset: browsers send the file name in UTF-8 (busboy's default is latin1).
  const parser = busboy({
    headers: req.headers,
    defParamCharset: 'utf8',
    limits: { files: 1, fileSize: max + 1, fields: 0, parts: 1 },
  });
  let stored: Promise<FileDto> | undefined;
  parser.on('file', (field, stream, info) => {
    if (field !== 'file' || stored) {
      stream.resume();
      return;
    }
    stored = storeFile(stream, { ...meta, name: info.filename ?? '' });
    stored.catch(() => undefined); // awaited below, once the whole request is read
  });
  try {
    await pipeline(req, parser);
  } catch {
    if (stored) await stored.catch(() => undefined); // its own clean-up
    throw new HttpError(400, 'L’envoi du fichier a été interrompu ou est mal formé. Réessayez.');
  }
  if (!stored) throw new HttpError(422, 'Aucun fichier reçu : joignez-le dans le champ « file ».');
  return stored;
}

async function storedFileOr404(id: string) {
  const file = await findStoredFile(id);
  if (!file) throw notFound();
  return file;
}

export function filesRouter(): Router {
  const router = Router();
  const r = routeTable(router);

  /** The file comes as multipart, read here as a stream: no JSON body. */
  r.post('/', {
    access: requireAuth,
    query: fileUploadQuerySchema,
    status: 201,
    handler: async ({ req, res, query: q }) => {
      if (!FILE_KIND_RULES[q.kind].uploadable)
        throw new HttpError(
          422,
          `Les fichiers « ${FILE_KIND_RULES[q.kind].label} » sont produits par l’application, pas envoyés.`,
        );
      try {
        await ensureOwnerAccess(req, q.owner, 'update');
        const file = await receive(req, { owner: q.owner, kind: q.kind, uploadedBy: String(req.auth!.user._id) });
        await audit(req, 'file.upload', {
          subject: q.owner.subject,
          subjectId: q.owner.id,
          details: { fileId: file.id, name: file.name, kind: file.kind, size: file.size },
        });
        return file;
      } catch (err) {
        // The rest of a refused upload is not read: close the connection rather than drain it.
        if (err instanceof HttpError) res.setHeader('Connection', 'close');
        throw err;
      }
    },
  });

  r.get('/', {
    access: requireAuth,
    query: fileListQuerySchema,
    handler: async ({ req, query: q }) => {
      await ensureOwnerAccess(req, q.owner, 'read');
      return { items: (await listStoredFiles(q.owner, q.kind)).map(toFileDto) };
    },
  });

  r.get('/:id', {
    access: requireAuth,
    params: idParams,
    handler: async ({ req, res, params }) => {
      const file = await storedFileOr404(params.id);
      const m = file.metadata;
      await ensureOwnerAccess(req, { subject: m.owner.subject, id: String(m.owner.id) }, 'read');
      res.status(200).set({
        'Content-Type': m.contentType,
        'Content-Length': String(file.length),
        'Content-Disposition': contentDisposition(m.name),
        'X-Content-Type-Options': 'nosniff',
        // no-transform: never compressed on the way, so Content-Length and the bytes stay exact.
        'Cache-Control': 'private, no-store, no-transform',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        ETag: `"${m.sha256}"`,
      });
      await pipeline(openFileStream(file._id), res);
    },
  });

  r.delete('/:id', {
    access: requireAuth,
    params: idParams,
    handler: async ({ req, res, params }) => {
      const file = await storedFileOr404(params.id);
      const m = file.metadata;
      await ensureOwnerAccess(req, { subject: m.owner.subject, id: String(m.owner.id) }, 'update');
      await deleteStoredFile(file._id);
      await audit(req, 'file.delete', {
        subject: m.owner.subject,
        subjectId: String(m.owner.id),
        details: { fileId: String(file._id), name: m.name, kind: m.kind },
      });
      res.status(204).end();
    },
  });

  return router;
}
