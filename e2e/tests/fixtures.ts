import { expect, type Page } from '@playwright/test';
import type { Role } from '../../api/src/contracts/index.js';

export const ROLES: Role[] = ['admin', 'sales', 'marketing', 'account_manager'];

/** One-click demo login, as a person would do it. */
export async function demoLogin(page: Page, role: Role): Promise<void> {
  await page.goto('/connexion');
  await page.getByTestId(`demo-login-${role}`).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function setGoogleIdentity(identity: { email: string; given_name?: string; family_name?: string }) {
  const res = await fetch(process.env.E2E_OAUTH_CONTROL!, { method: 'POST', body: JSON.stringify(identity) });
  if (!res.ok) throw new Error('cannot set the Google identity');
}
