/** Google SSO through a local OAuth2/OIDC server speaking Google's flow. */
import { expect, test } from '@playwright/test';
import { setGoogleIdentity } from './fixtures.js';

test('an active member signs in with Google', async ({ page }) => {
  await setGoogleIdentity({ email: 'manon.dubois@digiflow-agency.fr', given_name: 'Manon', family_name: 'Dubois' });
  await page.goto('/connexion');
  await page.getByTestId('login-google').click();
  await expect(page.getByTestId('user-name')).toHaveText('Manon Dubois');
  await expect(page).toHaveURL(/\/service/);
});

test('an unknown Workspace account gets a clear French refusal', async ({ page }) => {
  await setGoogleIdentity({ email: 'inconnu@be-hype.com' });
  await page.goto('/connexion');
  await page.getByTestId('login-google').click();
  await expect(page).toHaveURL(/\/connexion\/refus\?raison=inconnu/);
  await expect(page.getByTestId('refusal-reason')).toContainText('administrateur');
  expect((await page.request.get('/api/me')).status()).toBe(401);
});

test('an account outside the allowed domains is refused', async ({ page }) => {
  await setGoogleIdentity({ email: 'quelquun@gmail.com' });
  await page.goto('/connexion');
  await page.getByTestId('login-google').click();
  await expect(page).toHaveURL(/raison=domaine/);
  await expect(page.getByTestId('refusal-reason')).toBeVisible();
});
