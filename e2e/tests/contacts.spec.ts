/** CRM → Contacts in the browser: scope of a sales rep, and an admin creating a contact. */
import { expect, test } from '@playwright/test';
import { demoLogin } from './fixtures.js';

test('a sales rep cannot see a colleague’s contact, in the UI nor through the API', async ({ page }) => {
  // Find, as admin, a contact assigned to another sales rep than Sarah.
  await demoLogin(page, 'admin');
  const directory = await (await page.request.get('/api/team/directory?role=sales')).json();
  const colleague = directory.find((u: { firstName: string }) => u.firstName === 'Nicolas');
  const list = await (await page.request.get(`/api/crm/contacts?assignedTo=${colleague.id}&pageSize=1`)).json();
  const target = list.items[0];
  expect(target.assignedTo.firstName).toBe('Nicolas');
  await page.context().clearCookies();

  await demoLogin(page, 'sales');
  await page.goto('/crm/contacts');
  await expect(page.getByTestId('contacts-table')).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher un contact' }).fill(`${target.lastName}`);
  await expect(page.getByTestId('contacts-table')).not.toContainText(`${target.firstName} ${target.lastName}`);
  // Every row shown is Sarah's or unassigned.
  const assignees = await page.getByTestId('contacts-table').locator('tbody tr').allInnerTexts();
  for (const row of assignees) expect(row).not.toContain('Nicolas Faure');
  const direct = await page.request.get(`/api/crm/contacts/${target.id}`);
  expect(direct.status()).toBe(404);
  // The drawer URL of that contact shows "not found" too.
  await page.goto(`/crm/contacts?contact=${target.id}`);
  await expect(page.getByTestId('contact-drawer')).toContainText('introuvable');
});

test('an admin creates a contact with validation and sees it in the list', async ({ page }) => {
  await demoLogin(page, 'admin');
  await page.goto('/crm/contacts');
  await page.getByTestId('contact-create').click();
  const form = page.getByTestId('contact-form');
  await form.getByLabel('Prénom').fill('Gaëlle');
  await form.getByLabel('Nom', { exact: true }).fill('Testeuse');
  await form.getByLabel('E-mail').fill('pas-un-email');
  await form.getByLabel('SIRET').fill('73282932000075');
  await page.getByTestId('contact-form-submit').click();
  await expect(form).toContainText("L'adresse e-mail n'est pas valide.");
  await expect(form).toContainText('clé de contrôle incorrecte');
  await form.getByLabel('E-mail').fill('gaelle.testeuse@exemple.fr');
  await form.getByLabel('SIRET').fill('732 829 320 00074');
  await page.getByTestId('contact-form-submit').click();
  await expect(page.getByText('Contact créé')).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher un contact' }).fill('gaelle');
  await expect(page.getByTestId('contacts-table')).toContainText('Gaëlle Testeuse');
});
