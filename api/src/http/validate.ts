import type { Request } from 'express';
import type { z } from 'zod';
import { objectIdField } from '../contracts/index.js';
import { notFound } from './errors.js';

/** Parses a request part with a strict zod schema; a ZodError becomes a 422 problem. */
export function parse<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  return schema.parse(value ?? {});
}

/** A route's `:id`; anything but an ObjectId answers 404 (it cannot name a record). */
export function idParam(req: Request, name = 'id'): string {
  const value = req.params[name];
  const ok = objectIdField.safeParse(value);
  if (!ok.success) throw notFound();
  return ok.data;
}
