/**
 * The one store of uploaded and generated files: GridFS in the application database, so every API
 * instance shares it. A file is checked while it streams in: its type from its first bytes against
 * the kind's allow-list, its size against the kind's limit; a refused or interrupted file leaves
 * nothing stored.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { FILE_KIND_RULES, type FileDto, type FileKind } from '../contracts/index.js';
import { HttpError } from '../http/errors.js';
import { sanitizeFileName } from './names.js';
import type { FileOwner } from './owners.js';
import { SNIFF_BYTES, sniffContentType } from './sniff.js';

// Mongoose's own driver: its Db, its GridFS and its BSON types belong together.
const { GridFSBucket, ObjectId } = mongoose.mongo;
type ObjectId = mongoose.mongo.ObjectId;
type GridFSBucketWriteStream = mongoose.mongo.GridFSBucketWriteStream;

export const FILES_BUCKET = 'files';

export interface StoreMeta {
  owner: FileOwner;
  kind: FileKind;
  /** The name given by the person or the code; cleaned before it is stored. */
  name: string;
  uploadedBy?: string | null;
}

export interface FileMetadata {
  owner: { subject: FileOwner['subject']; id: ObjectId };
  kind: FileKind;
  name: string;
  contentType: string;
  uploadedBy: ObjectId | null;
  /** Set once the whole content is stored: a file without it is incomplete and never served. */
  sha256?: string;
  size?: number;
}

export interface FileDoc {
  _id: ObjectId;
  length: number;
  uploadDate: Date;
  filename: string;
  metadata: FileMetadata;
}

function db() {
  const database = mongoose.connection.db;
  if (!database) throw new Error('files: the database is not connected');
  return database;
}

export const filesBucket = () => new GridFSBucket(db(), { bucketName: FILES_BUCKET });
export const filesCollection = () => db().collection<FileDoc>(`${FILES_BUCKET}.files`);
export const chunksCollection = () => db().collection(`${FILES_BUCKET}.chunks`);

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} Mo`;

export const tooLarge = (kind: FileKind) =>
  new HttpError(
    413,
    `Le fichier dépasse ${MB(FILE_KIND_RULES[kind].maxBytes)}, la taille maximale pour « ${FILE_KIND_RULES[kind].label} ».`,
  );

function describe(type: string | undefined): string {
  if (!type) return 'son contenu n’est pas d’un type reconnu';
  if (type === 'text/html') return 'son contenu est une page HTML';
  return `son contenu est de type ${type}`;
}

/** Reads one chunk at a time without ever destroying the source (a busboy part must be drained). */
function chunkReader(input: Readable) {
  let ended = input.readableEnded;
  let failure: unknown;
  input.once('end', () => (ended = true));
  input.once('error', (err) => (failure = err));
  input.pause();
  return (): Promise<Buffer | null> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      if (ended) return resolve(null);
      const done = () => {
        input.off('data', onData);
        input.off('end', onEnd);
        input.off('error', onError);
      };
      const onData = (chunk: Buffer) => {
        input.pause();
        done();
        resolve(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      };
      const onEnd = () => {
        done();
        resolve(null);
      };
      const onError = (err: unknown) => {
        done();
        reject(err);
      };
      input.on('data', onData);
      input.once('end', onEnd);
      input.once('error', onError);
      input.resume();
    });
}

const write = (stream: GridFSBucketWriteStream, chunk: Buffer) =>
  new Promise<void>((resolve, reject) => stream.write(chunk, (err) => (err ? reject(err) : resolve())));
const end = (stream: GridFSBucketWriteStream) =>
  new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });

/** Removes whatever a failed store left: its chunks and, if it was written, its files document. */
async function discard(id: ObjectId): Promise<void> {
  await chunksCollection().deleteMany({ files_id: id });
  await filesCollection().deleteOne({ _id: id });
}

export function toFileDto(doc: FileDoc): FileDto {
  const m = doc.metadata;
  return {
    id: String(doc._id),
    name: m.name,
    kind: m.kind,
    contentType: m.contentType,
    size: m.size ?? doc.length,
    sha256: m.sha256 ?? '',
    owner: { subject: m.owner.subject, id: String(m.owner.id) },
    uploadedBy: m.uploadedBy ? String(m.uploadedBy) : null,
    uploadedAt: doc.uploadDate.toISOString(),
  };
}

/**
 * Stores a file (an upload's stream, or a generated buffer such as a PDF from renderPdf) for its
 * owner record. Throws 413 over the kind's limit and 415 for a type the kind refuses; either way
 * nothing stays stored. The source is never destroyed: on failure, its rest is read and dropped.
 */
export async function storeFile(source: Buffer | Readable, meta: StoreMeta): Promise<FileDto> {
  const rule = FILE_KIND_RULES[meta.kind];
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  const next = chunkReader(input);
  const id = new ObjectId();
  let upload: GridFSBucketWriteStream | undefined;
  try {
    // The head first: the type is decided before anything is written.
    const head: Buffer[] = [];
    let headBytes = 0;
    let chunk: Buffer | null = null;
    while (headBytes < SNIFF_BYTES && (chunk = await next())) {
      head.push(chunk);
      headBytes += chunk.length;
    }
    const first = Buffer.concat(head);
    if (!first.length) throw new HttpError(422, 'Le fichier est vide.');
    if (first.length > rule.maxBytes) throw tooLarge(meta.kind);
    const contentType = await sniffContentType(first.subarray(0, SNIFF_BYTES));
    if (!contentType || !rule.types.includes(contentType))
      throw new HttpError(
        415,
        `Fichier refusé : « ${rule.label} » attend ${rule.accepts}, or ${describe(contentType)} (quel que soit son nom).`,
      );

    const name = sanitizeFileName(meta.name);
    const metadata: FileMetadata = {
      owner: { subject: meta.owner.subject, id: new ObjectId(meta.owner.id) },
      kind: meta.kind,
      name,
      contentType,
      uploadedBy: meta.uploadedBy ? new ObjectId(meta.uploadedBy) : null,
    };
    upload = filesBucket().openUploadStreamWithId(id, name, { metadata });
    const hash = createHash('sha256');
    let size = 0;
    for (let part: Buffer | null = first; part; part = await next()) {
      size += part.length;
      if (size > rule.maxBytes) throw tooLarge(meta.kind);
      hash.update(part);
      await write(upload, part);
    }
    await end(upload);
    const sha256 = hash.digest('hex');
    await filesCollection().updateOne({ _id: id }, { $set: { 'metadata.sha256': sha256, 'metadata.size': size } });
    return toFileDto({
      _id: id,
      length: size,
      uploadDate: new Date(),
      filename: name,
      metadata: { ...metadata, sha256, size },
    });
  } catch (err) {
    input.resume(); // drop the rest without destroying the source
    if (upload && !upload.closed) await upload.abort().catch(() => undefined);
    await discard(id);
    throw err;
  }
}

/** A complete stored file by id, or null. */
export async function findStoredFile(id: string): Promise<FileDoc | null> {
  if (!ObjectId.isValid(id)) return null;
  return filesCollection().findOne({ _id: new ObjectId(id), 'metadata.sha256': { $exists: true } });
}

export async function listStoredFiles(owner: FileOwner, kind?: FileKind): Promise<FileDoc[]> {
  return filesCollection()
    .find({
      'metadata.owner.subject': owner.subject,
      'metadata.owner.id': new ObjectId(owner.id),
      'metadata.sha256': { $exists: true },
      ...(kind ? { 'metadata.kind': kind } : {}),
    })
    .sort({ uploadDate: -1, _id: -1 })
    .toArray();
}

export const openFileStream = (id: ObjectId) => filesBucket().openDownloadStream(id);

export async function deleteStoredFile(id: ObjectId): Promise<void> {
  await filesBucket().delete(id);
}
