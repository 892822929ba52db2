import type { z } from 'zod';

/** Parses a request part with a strict zod schema; a ZodError becomes a 422 problem. */
export function parse<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  return schema.parse(value ?? {});
}
