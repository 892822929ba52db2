/**
 * CRM → Contacts → Importer, under /api/crm/imports (subject `ContactImport`, action `create`):
 *
 *   POST   /                  upload (multipart, field "file", ≤ 50 Mo) and analysis → 201 ImportDto
 *   GET    /                  the caller's imports (every import for those who may read them all)
 *   GET    /:id               the import: analysis, then progress and counts (polled by the wizard)
 *   PATCH  /:id               encoding / separator (analysed again) and the field of each column
 *   GET    /:id/preview       the first 10 rows, each cell validated
 *   POST   /:id/start         deduplication, assignment, tags → queued for the background job (202)
 *   DELETE /:id               a draft never started (analysed, expired, cancelled before its start)
 *   POST   /:id/cancel        stops the run before its next batch
 *   POST   /:id/undo          undoes a finished import in the background (admin or its importer; 202)
 *   GET    /:id/rejected.csv  the lines left aside: line, column, reason, then the row as it was
 */
import busboy from 'busboy';
import { Router, type Request } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import mongoose from 'mongoose';
import { audit } from '../audit/audit.js';
import { can, requirePermission } from '../authz/index.js';
import {
  IMPORT_ACTIVE_STATUSES,
  IMPORT_MAX_BYTES,
  IMPORT_PREVIEW_ROWS,
  importListQuerySchema,
  importSettingsSchema,
  importStartSchema,
  type ImportDto,
  type ImportField,
  type ImportPreviewDto,
  type Paginated,
} from '../contracts/index.js';
import { ensureAssignableMember } from '../crm/contacts/index.js';
import { sendSpreadsheet } from '../exports/index.js';
import { forbidden, HttpError, notFound } from '../http/errors.js';
import { idParams, routeTable } from '../http/route.js';
import { User } from '../team/user.model.js';
import { analyseFile, detectFormat, notCsvReason, UnreadableFile, type SourceFormat } from './csv-source.js';
import { ContactImport, ImportReject, type ImportDoc } from './import.model.js';
import { enqueueImport } from './import.job.js';
import { isCancelRequested, removeFile, requestCancel } from './import-lease.js';
import { enqueueUndo, isUndoable, undoTotal } from './import-undo.js';
import { claimOnce } from '../jobs/claims.js';
import { importSettings } from './import-settings.js';
import { mapColumns } from './formats/index.js';
import { validateRow } from './rows.js';

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;
const tooLarge = () => new HttpError(413, `Le fichier dépasse ${MAX_MB} Mo. Découpez-le en plusieurs fichiers.`);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function toImportDto(imp: ImportDoc): Promise<ImportDto> {
  const [creator, undoer] = await Promise.all([
    User.findById(imp.createdBy, { firstName: 1, lastName: 1 }).lean(),
    imp.undo ? User.findById(imp.undo.requestedBy, { firstName: 1, lastName: 1 }).lean() : null,
  ]);
  const c = imp.config;
  const u = imp.undo;
  return {
    id: String(imp._id),
    fileName: imp.fileName,
    size: imp.size,
    encoding: imp.encoding,
    delimiter: imp.delimiter,
    headers: imp.headers,
    columns: imp.columns as (ImportField | null)[],
    format: imp.format,
    ignoredColumns: imp.ignoredColumns ?? [],
    totalRows: imp.totalRows,
    status: imp.status,
    cancelRequested: IMPORT_ACTIVE_STATUSES.includes(imp.status) && (await isCancelRequested(String(imp._id))),
    config: c
      ? {
          dedupBy: c.dedupBy,
          onDuplicate: c.onDuplicate,
          assignment: c.assignment,
          assignTo: c.assignTo ? String(c.assignTo) : null,
          tags: c.tags,
          keepUnmapped: c.keepUnmapped,
        }
      : null,
    counts: {
      imported: imp.counts?.imported ?? 0,
      updated: imp.counts?.updated ?? 0,
      duplicates: imp.counts?.duplicates ?? 0,
      errors: imp.counts?.errors ?? 0,
    },
    progress: {
      processed: imp.progress?.processed ?? 0,
      rowsPerSecond: imp.progress?.rowsPerSecond ?? 0,
      etaSeconds: imp.progress?.etaSeconds ?? null,
    },
    ...(imp.error ? { error: imp.error } : {}),
    undo: u
      ? {
          status: u.status,
          requestedBy: undoer ? { id: String(undoer._id), name: `${undoer.firstName} ${undoer.lastName}` } : null,
          requestedAt: u.at.toISOString(),
          total: u.total ?? 0,
          processed: u.processed ?? 0,
          removed: u.removed ?? 0,
          restored: u.restored ?? 0,
          skipped: u.skipped ?? 0,
          skippedContacts: (u.skippedContacts ?? []).map((x) => ({
            id: x.id ?? '',
            name: x.name ?? '',
            reason: x.reason ?? '',
          })),
          finishedAt: iso(u.finishedAt),
          ...(u.error ? { error: u.error } : {}),
        }
      : null,
    canUndo: isUndoable(imp),
    createdBy: creator ? { id: String(creator._id), name: `${creator.firstName} ${creator.lastName}` } : null,
    createdAt: (imp as unknown as { createdAt: Date }).createdAt.toISOString(),
    startedAt: iso(imp.startedAt),
    finishedAt: iso(imp.finishedAt),
  };
}

/** The caller's imports, or all of them for those who may read every import (admins). */
function visible(req: Request) {
  return can(req, 'read', 'ContactImport') ? {} : { createdBy: req.auth!.user._id };
}

async function findImport(req: Request, id: string): Promise<ImportDoc> {
  const imp = await ContactImport.findOne({ $and: [{ _id: id }, visible(req)] });
  if (!imp) throw notFound();
  return imp;
}

/** Streams the multipart upload to a file; never holds it in memory. */
async function receiveUpload(req: Request, file: string): Promise<{ fileName: string; size: number }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > IMPORT_MAX_BYTES + 64 * 1024) throw tooLarge();
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? ''))
    throw new HttpError(400, 'Envoyez le fichier en multipart/form-data (champ « file »).');
  const parser = busboy({
    headers: req.headers,
    limits: { files: 1, fileSize: IMPORT_MAX_BYTES, fields: 0, parts: 2 },
  });
  let received: Promise<{ fileName: string; size: number }> | undefined;
  parser.on('file', (_field, stream, info) => {
    let size = 0;
    let truncated = false;
    stream.on('data', (chunk: Buffer) => (size += chunk.length));
    stream.on('limit', () => (truncated = true));
    received = pipeline(stream, fs.createWriteStream(file)).then(() => {
      if (truncated) throw tooLarge();
      return { fileName: path.basename(info.filename || 'import.csv').slice(0, 200), size };
    });
    received.catch(() => undefined); // awaited below, once the whole request is read
  });
  try {
    await pipeline(req, parser);
  } catch {
    throw new HttpError(400, 'L’envoi du fichier a été interrompu ou est mal formé. Réessayez.');
  }
  if (!received) throw new HttpError(422, 'Aucun fichier reçu : choisissez un fichier CSV.');
  return received;
}

/** Analyses the stored file with this format: header, columns mapped automatically, rows counted, sample. */
async function analyse(file: string, format: SourceFormat) {
  try {
    const analysis = await analyseFile(file, format, IMPORT_PREVIEW_ROWS);
    const mapping = mapColumns(analysis.headers, format.fileType === 'vcard' ? 'vcard' : undefined);
    return {
      ...format,
      headers: analysis.headers,
      columns: mapping.columns,
      format: mapping.format,
      ignoredColumns: mapping.ignored,
      headerEndLine: analysis.headerEndLine,
      totalRows: analysis.totalRows,
      sample: analysis.sample,
    };
  } catch (err) {
    if (err instanceof UnreadableFile) throw new HttpError(422, err.message);
    throw err;
  }
}

function ensureAnalysed(imp: ImportDoc): void {
  if (imp.status !== 'analysed')
    throw new HttpError(409, 'Cet import est déjà lancé : ses réglages ne peuvent plus changer.');
}

function ensureColumns(imp: ImportDoc, columns: unknown[]): void {
  if (columns.length !== imp.headers.length)
    throw new HttpError(422, 'Certaines valeurs sont invalides.', [
      { path: 'columns', message: `Indiquez un champ (ou aucun) pour chacune des ${imp.headers.length} colonnes.` },
    ]);
}

export function importsRouter(): Router {
  const router = Router();
  const r = routeTable(router);
  const guard = requirePermission('crm', 'create', 'ContactImport');

  /** The file comes as multipart, read here as a stream: no JSON body. */
  r.post('/', {
    access: guard,
    status: 201,
    handler: async ({ req, res }) => {
      const { dir } = importSettings();
      await fs.promises.mkdir(dir, { recursive: true });
      const _id = new mongoose.Types.ObjectId();
      const file = path.join(dir, `${String(_id)}.csv`);
      try {
        const upload = await receiveUpload(req, file);
        const refused = await notCsvReason(file);
        if (refused) throw new HttpError(422, refused);
        const { columns, ...analysis } = await analyse(file, await detectFormat(file));
        const imp = await ContactImport.create({
          _id,
          ...upload,
          ...analysis,
          // null: a column not imported (mongoose's enum lets null through).
          columns: columns as never,
          filePath: file,
          createdBy: req.auth!.user._id,
        });
        return await toImportDto(imp);
      } catch (err) {
        await fs.promises.rm(file, { force: true });
        // The rest of a refused upload is not read: close the connection rather than drain it.
        if (err instanceof HttpError && err.status === 413) res.setHeader('Connection', 'close');
        throw err;
      }
    },
  });

  r.get('/', {
    access: guard,
    query: importListQuerySchema,
    handler: async ({ req, query: q }): Promise<Paginated<ImportDto>> => {
      const filter = visible(req);
      const [items, total] = await Promise.all([
        // Started imports first, newest first (queuedAt null — drafts — sorts last), then the drafts.
        ContactImport.find(filter)
          .sort({ queuedAt: -1, createdAt: -1, _id: -1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize),
        ContactImport.countDocuments(filter),
      ]);
      return { items: await Promise.all(items.map(toImportDto)), total, page: q.page, pageSize: q.pageSize };
    },
  });

  r.get('/:id', {
    access: guard,
    params: idParams,
    handler: async ({ req, params }) => toImportDto(await findImport(req, params.id)),
  });

  r.patch('/:id', {
    access: guard,
    params: idParams,
    body: importSettingsSchema,
    handler: async ({ req, params, body: input }) => {
      const imp = await findImport(req, params.id);
      ensureAnalysed(imp);
      const format = {
        encoding: input.encoding ?? imp.encoding,
        delimiter: input.delimiter ?? imp.delimiter,
        fileType: imp.fileType,
      };
      if (format.encoding !== imp.encoding || format.delimiter !== imp.delimiter)
        imp.set(await analyse(imp.filePath, format));
      if (input.columns) {
        ensureColumns(imp, input.columns);
        imp.set('columns', input.columns);
      }
      await imp.save();
      return toImportDto(imp);
    },
  });

  r.get('/:id/preview', {
    access: guard,
    params: idParams,
    handler: async ({ req, params }): Promise<ImportPreviewDto> => {
      const imp = await findImport(req, params.id);
      const columns = imp.columns as (ImportField | null)[];
      return {
        headers: imp.headers,
        columns,
        rows: imp.sample.map((s) => {
          if (s.broken) return { line: s.line, cells: imp.headers.map(() => ({ value: '' })), rowError: s.broken };
          const cells = s.cells ?? [];
          const problems = validateRow(cells, columns, { format: imp.format, headers: imp.headers }).problems ?? [];
          const rowError = problems
            .filter((p) => p.column === null)
            .map((p) => p.message)
            .join(' ');
          return {
            line: s.line,
            cells: imp.headers.map((_h, i) => {
              const error = problems
                .filter((p) => p.column === i)
                .map((p) => p.message)
                .join(' ');
              return { value: cells[i] ?? '', ...(error ? { error } : {}) };
            }),
            ...(rowError ? { rowError } : {}),
          };
        }),
      };
    },
  });

  r.post('/:id/start', {
    access: guard,
    params: idParams,
    body: importStartSchema,
    status: 202,
    handler: async ({ req, params, body: input }) => {
      const imp = await findImport(req, params.id);
      ensureAnalysed(imp);
      ensureColumns(imp, input.columns);
      if (!can(req, 'create', 'Contact')) throw forbidden('Votre rôle ne permet pas de créer des contacts.');
      const me = String(req.auth!.user._id);
      let { assignment, assignTo } = input;
      if (!can(req, 'assign', 'Contact')) {
        // Like the contact form: without the right to assign, new contacts are the importer's.
        if (assignment === 'round_robin' || (assignment === 'one' && assignTo !== me))
          throw forbidden('Seuls les administrateurs peuvent assigner des contacts à d’autres commerciaux.');
        assignment = 'one';
        assignTo = me;
      }
      let assignees: mongoose.Types.ObjectId[] = [];
      if (assignment === 'one') await ensureAssignableMember(assignTo!);
      if (assignment === 'round_robin') {
        const reps = await User.find({ role: 'sales', status: 'active' }, { _id: 1 })
          .sort({ lastName: 1, firstName: 1, _id: 1 })
          .lean();
        if (!reps.length)
          throw new HttpError(422, 'Aucun commercial actif : la répartition automatique est impossible.');
        assignees = reps.map((r) => r._id);
      }
      imp.set({
        columns: input.columns,
        config: {
          dedupBy: input.dedupBy,
          onDuplicate: input.onDuplicate,
          assignment,
          assignTo: assignment === 'one' ? assignTo : null,
          assignees,
          tags: input.tags,
          keepUnmapped: input.keepUnmapped,
        },
        status: 'queued',
        queuedAt: new Date(),
      });
      await imp.save();
      await audit(req, 'contact.import', {
        subject: 'ContactImport',
        subjectId: String(imp._id),
        details: {
          fileName: imp.fileName,
          rows: imp.totalRows,
          dedupBy: input.dedupBy,
          onDuplicate: input.onDuplicate,
          assignment,
          tags: input.tags,
        },
      });
      await enqueueImport(String(imp._id));
      return toImportDto(imp);
    },
  });

  /** An upload never started is dropped, with its file; a started import stays (its report). */
  r.delete('/:id', {
    access: guard,
    params: idParams,
    handler: async ({ req, params }) => {
      const imp = await findImport(req, params.id);
      if (imp.queuedAt) throw new HttpError(409, 'Cet import a été lancé : son rapport est conservé.');
      const { deletedCount } = await ContactImport.deleteOne({ _id: imp._id, queuedAt: null });
      if (!deletedCount) throw new HttpError(409, 'Cet import a été lancé : son rapport est conservé.');
      await removeFile(imp.filePath);
      return { ok: true };
    },
  });

  r.post('/:id/cancel', {
    access: guard,
    params: idParams,
    handler: async ({ req, params }) => {
      const imp = await findImport(req, params.id);
      if (imp.status !== 'analysed' && !IMPORT_ACTIVE_STATUSES.includes(imp.status))
        throw new HttpError(409, 'Cet import est déjà terminé.');
      await requestCancel(imp);
      return toImportDto((await ContactImport.findById(imp._id))!);
    },
  });

  r.post('/:id/undo', {
    access: guard,
    params: idParams,
    status: 202,
    handler: async ({ req, params }) => {
      // Visible: the caller's own import, or any for those who read every import (admins); else 404.
      const imp = await findImport(req, params.id);
      if (imp.undo) throw new HttpError(409, 'Cet import est déjà annulé ou en cours d’annulation.');
      if (!isUndoable(imp)) throw new HttpError(409, 'Seul un import terminé peut être annulé.');
      if (!(await claimOnce(`import-undo:${String(imp._id)}`)))
        throw new HttpError(409, 'Cet import est déjà annulé ou en cours d’annulation.');
      const total = await undoTotal(String(imp._id));
      await ContactImport.updateOne(
        { _id: imp._id },
        { $set: { undo: { status: 'queued', requestedBy: req.auth!.user._id, at: new Date(), total } } },
      );
      await audit(req, 'contact.import_undo', {
        subject: 'ContactImport',
        subjectId: String(imp._id),
        details: { fileName: imp.fileName, contacts: total },
      });
      await enqueueUndo(String(imp._id));
      return toImportDto((await ContactImport.findById(imp._id))!);
    },
  });

  r.get('/:id/rejected.csv', {
    access: guard,
    params: idParams,
    handler: async ({ req, res, params }) => {
      const imp = await findImport(req, params.id);
      const cursor = ImportReject.find({ importId: imp._id }).sort({ line: 1 }).lean().cursor({ batchSize: 500 });
      res.on('close', () => void cursor.close().catch(() => undefined));
      type Reject = {
        line: number;
        kind: string;
        problems: { column?: string | null; message: string }[];
        values: string[];
      };
      await sendSpreadsheet(res, {
        format: 'csv',
        fileName: `lignes-rejetees-${path.parse(imp.fileName).name}`.replace(/[^\w.-]+/g, '_'),
        sheetName: 'Lignes rejetées',
        rows: cursor as AsyncIterable<Reject>,
        columns: [
          { header: 'Ligne', value: (r: Reject) => r.line },
          { header: 'Type', value: (r: Reject) => (r.kind === 'duplicate' ? 'Doublon' : 'Erreur') },
          {
            header: 'Colonne',
            value: (r: Reject) => [...new Set(r.problems.map((p) => p.column).filter(Boolean))].join(', '),
          },
          { header: 'Motif', value: (r: Reject) => r.problems.map((p) => p.message).join(' | ') },
          ...imp.headers.map((h, i) => ({ header: h, value: (r: Reject) => r.values[i] ?? '' })),
        ],
      });
    },
  });

  return router;
}
