import mongoose, { Schema } from 'mongoose';
import {
  ACTIONS,
  DEFAULT_ROLE_PERMISSIONS,
  MODULES,
  ROLES,
  SCOPES,
  SUBJECTS,
  type Role,
  type RolePermissions,
} from '../contracts/index.js';

const rolePermissionSchema = new Schema(
  {
    role: { type: String, enum: ROLES, required: true, unique: true },
    modules: [{ type: String, enum: MODULES }],
    rules: [
      {
        _id: false,
        action: { type: String, enum: ACTIONS, required: true },
        subject: { type: String, enum: SUBJECTS, required: true },
        scope: { type: String, enum: SCOPES, required: true },
      },
    ],
  },
  { timestamps: true },
);

export const RolePermission = mongoose.model('RolePermission', rolePermissionSchema);

/** Inserts the default matrix for roles that have none yet; admins' edits are kept. */
export async function seedRolePermissions(): Promise<void> {
  for (const role of ROLES) {
    await RolePermission.updateOne(
      { role },
      { $setOnInsert: DEFAULT_ROLE_PERMISSIONS[role] },
      { upsert: true },
    );
  }
}

export async function getRolePermissions(role: Role): Promise<RolePermissions> {
  const doc = await RolePermission.findOne({ role }).lean();
  if (!doc) return { role, modules: [], rules: [] };
  return {
    role,
    modules: (doc.modules ?? []) as RolePermissions['modules'],
    rules: (doc.rules ?? []).map((r) => ({ action: r.action, subject: r.subject, scope: r.scope })) as RolePermissions['rules'],
  };
}
