import { expect, type Page } from '@playwright/test';
import type { Role } from '../../api/src/contracts/index.js';

export const ROLES: Role[] = ['admin', 'sales', 'marketing', 'account_manager'];

/** One-click demo login, as a person would do it. */
export async function demoLogin(page: Page, role: Role): Promise<void> {
  await page.goto('/connexion');
  await page.getByTestId(`demo-login-${role}`).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/**
 * Leaves the portal and forgets the session, to sign in as someone else. The page first goes to a
 * blank page: a request still in flight (the bell's poll, a list) would otherwise answer after the
 * cookies are cleared with the rolling session cookie, and sign the previous member back in.
 */
export async function signOut(page: Page): Promise<void> {
  await page.goto('about:blank');
  await page.context().clearCookies();
}

export async function setGoogleIdentity(identity: { email: string; given_name?: string; family_name?: string }) {
  const res = await fetch(process.env.E2E_OAUTH_CONTROL!, { method: 'POST', body: JSON.stringify(identity) });
  if (!res.ok) throw new Error('cannot set the Google identity');
}
