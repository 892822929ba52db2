/**
 * Scoped data access: the only way a handler queries a scoped collection. Every query it builds
 * holds the caller's scope for the action (and, by default, leaves soft-deleted records out), so
 * that a record out of scope is simply not found:
 *
 *   const contact = await scoped(req, 'update', Contact).findById(id);
 *   if (!contact) throw notFound();
 */
import type { Request } from 'express';
import type { Model, ProjectionType, QueryOptions, Types, UpdateQuery } from 'mongoose';
import type { Action, Subject } from '../contracts/index.js';
import { scopeFilter, type Filter } from './index.js';

export interface ScopeOptions {
  /** Soft-deleted records: left out (default), the only ones (restore), or both (erasure). */
  deleted?: 'exclude' | 'only' | 'include';
}

const DELETED: Record<NonNullable<ScopeOptions['deleted']>, Filter | null> = {
  exclude: { deletedAt: null },
  only: { deletedAt: { $ne: null } },
  include: null,
};

/** Conditions all met: `{ $and: conditions }`, or no condition when there is none (`$and` must not be empty). */
export function allOf(conditions: Filter[]): Filter {
  return conditions.length ? { $and: conditions } : {};
}

export function scoped<T>(req: Request, action: Action, model: Model<T>, options: ScopeOptions = {}) {
  const subject = model.modelName as Subject;
  const scope = scopeFilter(req, action, subject);
  const deleted = DELETED[options.deleted ?? 'exclude'];
  /** The caller's scope AND the deletion state AND `filter`. */
  const where = (filter: Filter = {}): Filter => ({ $and: [scope, ...(deleted ? [deleted] : []), filter] });
  const byId = (id: string | Types.ObjectId): Filter => ({ _id: id });
  return {
    where,
    find: (filter: Filter = {}, projection?: ProjectionType<T>) => model.find(where(filter), projection),
    findOne: (filter: Filter, projection?: ProjectionType<T>) => model.findOne(where(filter), projection),
    findById: (id: string | Types.ObjectId, projection?: ProjectionType<T>) => model.findOne(where(byId(id)), projection),
    exists: (filter: Filter) => model.exists(where(filter)),
    countDocuments: (filter: Filter = {}) => model.countDocuments(where(filter)),
    distinct: (field: string, filter: Filter = {}) => model.distinct(field, where(filter)),
    findByIdAndUpdate: (id: string | Types.ObjectId, update: UpdateQuery<T>, options: QueryOptions<T> = {}) =>
      model.findOneAndUpdate(where(byId(id)), update, options),
    findOneAndUpdate: (filter: Filter, update: UpdateQuery<T>, options: QueryOptions<T> = {}) =>
      model.findOneAndUpdate(where(filter), update, options),
    findByIdAndDelete: (id: string | Types.ObjectId) => model.findOneAndDelete(where(byId(id))),
    updateMany: (filter: Filter, update: UpdateQuery<T>) => model.updateMany(where(filter), update),
  };
}
