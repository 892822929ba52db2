import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { COMPANIES, ROLES, USER_STATUSES, type NotificationPreferences, type UserDto, type UserSummary } from '../contracts/index.js';

const userSchema = new Schema(
  {
    firstName: { type: String, required: true, trim: true },
    lastName: { type: String, required: true, trim: true },
    email: { type: String, required: true, lowercase: true, trim: true, unique: true },
    role: { type: String, enum: ROLES, required: true },
    team: { type: String, trim: true },
    managerId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    company: { type: String, enum: COMPANIES, required: true },
    status: { type: String, enum: USER_STATUSES, default: 'active' },
    startDate: { type: Date },
    avatarUrl: { type: String },
    passwordHash: { type: String, select: false },
    lastLoginAt: { type: Date },
    /** What the member chose in Paramètres → Notifications. */
    preferences: {
      reminderEmail: { type: Boolean, default: true },
    },
  },
  { timestamps: true },
);
userSchema.index({ role: 1, status: 1 });
userSchema.index({ team: 1 });
userSchema.index({ managerId: 1 });

export type UserAttrs = InferSchemaType<typeof userSchema>;
export type UserDoc = HydratedDocument<UserAttrs>;
export const User = mongoose.model('User', userSchema);

export function toUserSummary(u: Pick<UserDoc, '_id' | 'firstName' | 'lastName' | 'avatarUrl'>): UserSummary {
  return {
    id: String(u._id),
    firstName: u.firstName,
    lastName: u.lastName,
    ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}),
  };
}

export function toUserDto(u: UserDoc): UserDto {
  return {
    ...toUserSummary(u),
    email: u.email,
    role: u.role,
    team: u.team ?? undefined,
    managerId: u.managerId ? String(u.managerId) : null,
    company: u.company,
    status: u.status,
    startDate: u.startDate?.toISOString(),
    createdAt: (u as unknown as { createdAt: Date }).createdAt.toISOString(),
  };
}

export function toPreferences(u: Pick<UserAttrs, 'preferences'>): NotificationPreferences {
  return { reminderEmail: u.preferences?.reminderEmail !== false };
}

/** Members seen by the `team` scope: same team, direct reports, and the member himself. */
export async function teamMemberIds(user: UserDoc): Promise<string[]> {
  const or: Record<string, unknown>[] = [{ managerId: user._id }];
  if (user.team) or.push({ team: user.team });
  const mates = await User.find({ $or: or }, { _id: 1 }).lean();
  return [...new Set([String(user._id), ...mates.map((m) => String(m._id))])];
}
