/** Query keys of the contact imports. */
export const importKeys = {
  all: ['crm', 'imports'] as const,
  recent: () => [...importKeys.all, 'recent'] as const,
  /** The rows as read with these settings (`variant`: the encoding and delimiter, or the mapping). */
  preview: (id: string, variant: string) => [...importKeys.all, id, 'preview', variant] as const,
};
