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
 * Signs out as a person does (the session is destroyed on the server), then forgets the cookies, to
 * sign in as someone else. Clearing the cookies alone is not enough: a request of the page still in
 * flight (the bell's poll) can answer afterwards with the rolling session cookie and sign the
 * previous member back in; once the session is destroyed, that cookie names nobody.
 */
export async function signOut(page: Page): Promise<void> {
  const me = await page.request.get('/api/me');
  if (me.ok()) {
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const out = await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrfToken } });
    expect(out.ok()).toBe(true);
  }
  await page.goto('about:blank');
  await page.context().clearCookies();
}

export async function setGoogleIdentity(identity: { email: string; given_name?: string; family_name?: string }) {
  const res = await fetch(process.env.E2E_OAUTH_CONTROL!, { method: 'POST', body: JSON.stringify(identity) });
  if (!res.ok) throw new Error('cannot set the Google identity');
}
