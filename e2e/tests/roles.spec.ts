/**
 * Each demo role logs in with one click and sees exactly its navigation; the browser never requests
 * a remote the role is not entitled to, and the direct URL of such a remote answers 403.
 */
import { expect, test } from '@playwright/test';
import { MODULE_INFO, REMOTE_NAMES, type ModuleKey, type Role } from '../../api/src/contracts/index.js';
import { demoLogin } from './fixtures.js';

const EXPECTED: Record<Role, { modules: ModuleKey[]; home: RegExp; label: string }> = {
  admin: { modules: ['crm', 'sales', 'marketing', 'service', 'personal', 'admin'], home: /\/admin$/, label: 'Admin' },
  sales: { modules: ['crm', 'sales', 'personal'], home: /\/mon-espace$/, label: 'Équipe Vente' },
  marketing: { modules: ['marketing', 'personal'], home: /\/marketing/, label: 'Équipe Marketing' },
  account_manager: { modules: ['service', 'personal'], home: /\/service/, label: 'Équipe Account Management' },
};

for (const [role, expected] of Object.entries(EXPECTED) as [Role, (typeof EXPECTED)[Role]][]) {
  test(`${role}: sees exactly its modules and downloads only its remotes`, async ({ page }) => {
    const remoteRequests = new Set<string>();
    page.on('request', (req) => {
      const m = new URL(req.url()).pathname.match(/^\/remotes\/([^/]+)\//);
      if (m) remoteRequests.add(m[1]!);
    });
    await demoLogin(page, role);
    await expect(page).toHaveURL(expected.home);
    await expect(page.getByTestId('demo-banner')).toContainText('MODE DÉMO');
    await expect(page.getByTestId('user-role')).toHaveText(expected.label);

    const allModules = Object.keys(MODULE_INFO) as ModuleKey[];
    for (const m of allModules) {
      await expect(page.getByTestId(`nav-${m}`)).toHaveCount(expected.modules.includes(m) ? 1 : 0);
    }
    // Visit every entitled module so that each remote really loads and mounts.
    for (const m of expected.modules) {
      await page.getByTestId(`nav-${m}`).click();
      await expect(page).toHaveURL(new RegExp(`${MODULE_INFO[m].prefix}`));
      await expect(page.getByTestId('remote-version')).toContainText(MODULE_INFO[m].remote);
    }
    const entitled = expected.modules.map((m) => MODULE_INFO[m].remote);
    expect([...remoteRequests].sort()).toEqual([...entitled].sort());

    // A module the role may not use: a 403 page in the portal, and 403 on the remote's own files.
    const forbidden = REMOTE_NAMES.filter((r) => !entitled.includes(r));
    const me = await (await page.request.get('/api/me')).json();
    for (const name of forbidden) {
      const version = me.remotes[0].version;
      const res = await page.request.get(`/remotes/${name}/${version}/remoteEntry.js`);
      expect(res.status(), name).toBe(403);
    }
    if (forbidden.length) {
      const prefix = Object.values(MODULE_INFO).find((i) => i.remote === forbidden[0])!.prefix;
      await page.goto(prefix);
      await expect(page.getByTestId('forbidden-page')).toBeVisible();
      expect(remoteRequests.has(forbidden[0]!)).toBe(false);
    }
  });
}

test('logging out returns to the login page and closes the session', async ({ page }) => {
  await demoLogin(page, 'marketing');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await expect(page).toHaveURL(/\/connexion/);
  expect((await page.request.get('/api/me')).status()).toBe(401);
});

test('password login with a wrong password shows a French error', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByTestId('login-email').fill('sarah.benali@digiflow-agency.fr');
  await page.getByTestId('login-password').fill('mauvais');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('E-mail ou mot de passe incorrect.');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toHaveText('Sarah Benali');
});
