import type { PermissionRule, RolePermissions } from './permissions.js';
import type { Role, RemoteName, ModuleKey } from './roles.js';
import type { UserDto } from './users.js';

export interface Paginated<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** RFC 9457 problem details, with French title/detail and, for validation, the faulty fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export interface RemoteEntry {
  name: RemoteName;
  module: ModuleKey;
  prefix: string;
  label: string;
  version: string;
  /** URL of the versioned Module Federation manifest. */
  entry: string;
}

export interface MeResponse {
  user: UserDto;
  role: Role;
  roleLabel: string;
  modules: RolePermissions['modules'];
  rules: PermissionRule[];
  teamMemberIds: string[];
  remotes: RemoteEntry[];
  demoMode: boolean;
  csrfToken: string;
}

export interface AuthConfig {
  demoMode: boolean;
  googleEnabled: boolean;
  demoAccounts: { role: Role; label: string; name: string; email: string }[];
  csrfToken: string;
}
