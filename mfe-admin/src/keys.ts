/** Query keys of the administration screens. */
export const adminKeys = {
  all: ['admin'] as const,
  /** A journal (audit log, outbox) page: `url` names the journal, `key` its query. */
  journal: (url: string, key: string) => [...adminKeys.all, 'journal', url, key] as const,
  members: () => [...adminKeys.all, 'members'] as const,
  memberList: (key: string) => [...adminKeys.members(), 'list', key] as const,
  /** Every member (names of the audit log): a look-up, cached for the remote. */
  memberNames: () => [...adminKeys.members(), 'names'] as const,
  integrations: () => [...adminKeys.all, 'integrations'] as const,
  /** The sync log of one connector (every page). */
  integrationLogs: (connector: string) => [...adminKeys.integrations(), 'logs', connector] as const,
  security: () => [...adminKeys.all, 'security'] as const,
};
