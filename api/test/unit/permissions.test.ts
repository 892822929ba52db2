import { accessibleBy } from '@casl/mongoose';
import { subject } from '@casl/ability';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, defineAbility, hasModule } from '../../src/contracts/index.js';
import { qualityScore } from '../../src/crm/quality.js';

const me = { id: 'u1', teamMemberIds: ['u1', 'u2'] };

describe('permission rules → ability', () => {
  it('sales reads his contacts and unassigned ones, updates only his own', () => {
    const ability = defineAbility(DEFAULT_ROLE_PERMISSIONS.sales, me);
    expect(ability.can('read', subject('Contact', { assignedTo: 'u1' }))).toBe(true);
    expect(ability.can('read', subject('Contact', { assignedTo: null }))).toBe(true);
    expect(ability.can('read', subject('Contact', { assignedTo: 'u9' }))).toBe(false);
    expect(ability.can('update', subject('Contact', { assignedTo: null }))).toBe(false);
    expect(ability.can('delete', 'Contact')).toBe(false);
    expect(ability.can('assign', 'Contact')).toBe(false);
  });
  it('turns the scope into a MongoDB condition for queries', () => {
    const ability = defineAbility(DEFAULT_ROLE_PERMISSIONS.sales, me);
    expect(accessibleBy(ability, 'read').ofType('Contact')).toEqual({ $or: [{ assignedTo: { $in: ['u1', null] } }] });
    expect(accessibleBy(ability, 'update').ofType('Contact')).toEqual({ $or: [{ assignedTo: 'u1' }] });
    const team = defineAbility({ rules: [{ action: 'read', subject: 'Contact', scope: 'team' }] }, me);
    expect(accessibleBy(team, 'read').ofType('Contact')).toEqual({ $or: [{ assignedTo: { $in: ['u1', 'u2'] } }] });
  });
  it('admin manages everything; modules follow the matrix', () => {
    const ability = defineAbility(DEFAULT_ROLE_PERMISSIONS.admin, me);
    expect(ability.can('delete', subject('Contact', { assignedTo: 'u9' }))).toBe(true);
    expect(hasModule(DEFAULT_ROLE_PERMISSIONS.marketing, 'crm')).toBe(false);
    expect(hasModule(DEFAULT_ROLE_PERMISSIONS.account_manager, 'service')).toBe(true);
    expect(DEFAULT_ROLE_PERMISSIONS.sales.modules).toEqual(['crm', 'sales', 'personal']);
  });
});

describe('quality score', () => {
  it('rewards complete and valid contact data', () => {
    expect(qualityScore({ firstName: 'A' })).toBe(0);
    expect(qualityScore({ email: 'a@b.fr', phone: '+33612345678' })).toBe(45);
    expect(qualityScore({ email: 'not-an-email', phone: '12' })).toBe(0);
    expect(
      qualityScore({
        email: 'a@b.fr',
        phone: '+33612345678',
        companyName: 'X',
        jobTitle: 'Y',
        siret: '73282932000074',
        manager: 'Z',
        city: 'Lyon',
        postalCode: '69002',
        address: '1 rue',
      }),
    ).toBe(100);
  });
});
