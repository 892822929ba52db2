import { accessibleBy } from '@casl/mongoose';
import { subject } from '@casl/ability';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, QUALITY_CRITERIA, defineAbility, hasModule } from '../../src/contracts/index.js';
import { computeQuality, qualityScore } from '../../src/crm/contacts/index.js';

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
  const DAY = 86_400_000;
  const now = new Date('2026-06-15T10:00:00Z');
  const complete = {
    email: 'a@b.fr',
    phone: '+33612345678',
    companyName: 'X',
    jobTitle: 'Y',
    siret: '73282932000074',
    manager: 'Z',
    city: 'Lyon',
    postalCode: '69002',
    address: '1 rue',
  };
  const points = (q: ReturnType<typeof computeQuality>) =>
    Object.fromEntries(q.breakdown.map((i) => [i.key, i.points]));

  it('rewards complete data (30) and valid data (30); presence alone is not validity', () => {
    expect(qualityScore({})).toBe(0);
    expect(qualityScore({ email: 'a@b.fr', phone: '+33612345678' })).toBe(30);
    // Present but malformed: completeness points only.
    expect(qualityScore({ email: 'not-an-email', phone: '12' })).toBe(10);
    expect(qualityScore(complete)).toBe(60);
    // Two address parts out of three.
    expect(points(computeQuality({ city: 'Lyon', postalCode: '69002' })).address).toBe(3);
    expect(points(computeQuality({ siret: '73282932000075' })).siretValid).toBe(0);
  });

  it('adds recent Pappers data (20, half after 12 months) and recent engagement (20)', () => {
    const fresh = computeQuality(
      { ...complete, enrichment: { at: new Date(now.getTime() - 30 * DAY) } },
      new Date(now.getTime() - 10 * DAY),
      now,
    );
    expect(fresh.score).toBe(100);
    expect(points(fresh)).toMatchObject({ enrichment: 20, engagement: 20 });
    // The score drops when the activity is 90 days old, before the enrichment is a year old.
    expect(fresh.expiresAt?.toISOString()).toBe(new Date(now.getTime() + 80 * DAY).toISOString());

    const stale = computeQuality(
      { ...complete, enrichment: { at: new Date(now.getTime() - 400 * DAY) } },
      new Date(now.getTime() - 91 * DAY),
      now,
    );
    expect(points(stale)).toMatchObject({ enrichment: 10, engagement: 0 });
    expect(stale.score).toBe(70);
    expect(stale.expiresAt).toBeNull();
  });

  it('gives a breakdown covering every criterion, whose points sum to the score', () => {
    const q = computeQuality({ ...complete, email: 'x' }, null, now);
    expect(q.breakdown.map((i) => i.key)).toEqual(QUALITY_CRITERIA.map((c) => c.key));
    expect(q.breakdown.reduce((s, i) => s + i.max, 0)).toBe(100);
    expect(q.breakdown.reduce((s, i) => s + i.points, 0)).toBe(q.score);
    expect(q.breakdown.find((i) => i.key === 'emailValid')).toEqual({
      key: 'emailValid',
      label: 'E-mail valide',
      points: 0,
      max: 10,
    });
  });
});
