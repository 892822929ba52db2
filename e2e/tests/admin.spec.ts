/** Administration: the audit log and the demo outbox, open to admins only. */
import { expect, test } from '@playwright/test';
import { demoLogin } from './fixtures.js';

test('an admin finds his own login in the audit log, and the outbox explains demo mode', async ({ page }) => {
  await demoLogin(page, 'admin');
  const me = await (await page.request.get('/api/me')).json();

  await page.getByTestId('sidebar').getByRole('link', { name: "Journal d'audit" }).click();
  await expect(page).toHaveURL(/\/admin\/journal/);
  const table = page.getByTestId('audit-table');
  await expect(table).toBeVisible();
  await page.getByRole('textbox', { name: "Rechercher par e-mail de l'auteur" }).fill(me.user.email);
  await expect(page).toHaveURL(/[?&]q=/);
  // Newest first; data rows carry their record's id (antd also adds a hidden measure row).
  const newest = table.locator('tbody tr[data-row-key]').first();
  await expect(newest).toContainText('Connexion');
  await expect(newest).toContainText(me.user.email);
  await expect(newest).toContainText('Méthode : compte de démonstration');

  await page.getByTestId('sidebar').getByRole('link', { name: "Boîte d'envoi (démo)" }).click();
  await expect(page).toHaveURL(/\/admin\/boite-envoi/);
  await expect(page.getByTestId('outbox-explanation')).toHaveText(
    'En mode démo, aucun e-mail, SMS ni publication ne quitte le portail : chaque envoi est enregistré ici.',
  );
  await expect(page.getByTestId('outbox-table')).toBeVisible();
});

test('a sales rep gets the 403 page on the audit log', async ({ page }) => {
  await demoLogin(page, 'sales');
  await page.goto('/admin/journal');
  await expect(page.getByTestId('forbidden-page')).toBeVisible();
  await expect(page.getByTestId('audit-table')).toHaveCount(0);
});

test('an admin configures a connector without seeing its key again, and reads the background jobs', async ({
  page,
}) => {
  await demoLogin(page, 'admin');

  await page.getByTestId('sidebar').getByRole('link', { name: 'Intégrations' }).click();
  await expect(page).toHaveURL(/\/admin\/integrations/);
  await expect(page.getByRole('heading', { name: 'Réseaux sociaux' })).toBeVisible();
  await expect(page.getByTestId('integration-linkedin-status')).toHaveText('À connecter');
  const pappers = page.getByTestId('integration-pappers');
  await pappers.getByRole('button', { name: 'Configurer' }).click();
  await page.getByTestId('integration-pappers-apiKey').fill('e2e-pappers-key-7788');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Réglages Pappers enregistrés')).toBeVisible();
  await expect(pappers).toContainText('••••••••7788');
  await expect(pappers).not.toContainText('e2e-pappers-key');
  await pappers.getByRole('button', { name: 'Configurer' }).click();
  await expect(page.getByTestId('integration-pappers-apiKey')).toHaveValue('');
  await page.getByRole('button', { name: 'Annuler' }).click();
  await pappers.getByRole('button', { name: 'Journal' }).click();
  await expect(page.getByTestId('integration-pappers-logs')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('sidebar').getByRole('link', { name: 'Tâches de fond' }).click();
  await expect(page).toHaveURL(/\/admin\/taches/);
  const table = page.getByTestId('jobs-table');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr[data-row-key]').filter({ hasText: 'Rappels des activités' })).toHaveCount(1);
});
