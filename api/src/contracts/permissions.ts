/**
 * The permission model, used by the API (inside database queries) and by the front ends (to hide
 * what the caller may not do). A role has a list of modules and a list of rules; a rule grants one
 * action on one subject within a scope. The scope becomes a MongoDB condition on the record's owner
 * field, so the same rule filters lists, counts, aggregates, exports and single-record look-ups.
 */
import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';

/** CASL's subject helper, so that front ends check a record (`can('update', subject('Contact', c))`). */
export { subject } from '@casl/ability';
import { z } from 'zod';
import { MODULES, ROLES, type ModuleKey, type Role } from './roles.js';

export const ACTIONS = ['manage', 'read', 'create', 'update', 'delete', 'assign', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'all',
  'Contact',
  'Company',
  'Deal',
  'Activity',
  'ContactImport',
  'User',
  'AuditLog',
  'Outbox',
  'RolePermission',
  'Remote',
  'Integration',
  'SecuritySetting',
  'BackgroundJob',
] as const;
export type Subject = (typeof SUBJECTS)[number];

/**
 * own: the record's owner is the caller.
 * own_or_unassigned: owner is the caller or nobody.
 * team: owner is the caller, a member of the caller's team, or reports to the caller.
 * all: no restriction.
 */
export const SCOPES = ['own', 'own_or_unassigned', 'team', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export const permissionRuleSchema = z
  .object({
    action: z.enum(ACTIONS),
    subject: z.enum(SUBJECTS),
    scope: z.enum(SCOPES),
  })
  .strict();
export type PermissionRule = z.infer<typeof permissionRuleSchema>;

export const rolePermissionsSchema = z
  .object({
    role: z.enum(ROLES),
    modules: z.array(z.enum(MODULES)),
    rules: z.array(permissionRuleSchema),
  })
  .strict();
export type RolePermissions = z.infer<typeof rolePermissionsSchema>;

/** Owner field of each scoped subject. Subjects absent here are not owned by a member. */
export const OWNER_FIELD: Partial<Record<Subject, string>> = {
  Contact: 'assignedTo',
  Deal: 'owner',
  Activity: 'owner',
  /** A company belongs to the members who own at least one of its contacts (kept up to date by the API). */
  Company: 'contactOwners',
};

/** Default matrix (design/permissions.md); seeded into the database, editable by admins later. */
export const DEFAULT_ROLE_PERMISSIONS: Record<Role, RolePermissions> = {
  admin: {
    role: 'admin',
    modules: [...MODULES],
    rules: [{ action: 'manage', subject: 'all', scope: 'all' }],
  },
  sales: {
    role: 'sales',
    modules: ['crm', 'sales', 'personal'],
    rules: [
      { action: 'read', subject: 'Contact', scope: 'own_or_unassigned' },
      { action: 'create', subject: 'Contact', scope: 'own' },
      { action: 'update', subject: 'Contact', scope: 'own' },
      { action: 'export', subject: 'Contact', scope: 'own' },
      { action: 'read', subject: 'Company', scope: 'own' },
      { action: 'export', subject: 'Company', scope: 'own' },
      { action: 'read', subject: 'Deal', scope: 'own' },
      { action: 'create', subject: 'Deal', scope: 'own' },
      { action: 'update', subject: 'Deal', scope: 'own' },
      { action: 'export', subject: 'Deal', scope: 'own' },
      { action: 'read', subject: 'Activity', scope: 'own' },
      { action: 'create', subject: 'Activity', scope: 'own' },
      { action: 'update', subject: 'Activity', scope: 'own' },
      { action: 'delete', subject: 'Activity', scope: 'own' },
      { action: 'export', subject: 'Activity', scope: 'own' },
    ],
  },
  marketing: {
    role: 'marketing',
    modules: ['marketing', 'personal'],
    rules: [],
  },
  account_manager: {
    role: 'account_manager',
    modules: ['service', 'personal'],
    rules: [],
  },
};

export interface AbilityUser {
  id: string;
  /** Ids of the members the caller sees with the `team` scope (team mates and reports), self included. */
  teamMemberIds: string[];
}

export type AppAbility = MongoAbility<[Action, Subject | { __caslSubjectType__?: Subject }]>;

function scopeCondition(scope: Scope, ownerField: string, user: AbilityUser): Record<string, unknown> | undefined {
  switch (scope) {
    case 'all':
      return undefined;
    case 'own':
      return { [ownerField]: user.id };
    case 'own_or_unassigned':
      return { [ownerField]: { $in: [user.id, null] } };
    case 'team':
      return { [ownerField]: { $in: user.teamMemberIds } };
  }
}

/** Builds the CASL ability of a member from the rules of his role. */
export function defineAbility(perms: Pick<RolePermissions, 'rules'>, user: AbilityUser): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const rule of perms.rules) {
    const ownerField = OWNER_FIELD[rule.subject];
    const condition = ownerField ? scopeCondition(rule.scope, ownerField, user) : undefined;
    if (condition) can(rule.action, rule.subject, condition as never);
    else can(rule.action, rule.subject);
  }
  return build();
}

export function hasModule(perms: Pick<RolePermissions, 'modules'>, module: ModuleKey): boolean {
  return perms.modules.includes(module);
}
