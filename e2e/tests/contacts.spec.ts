/** CRM → Contacts in the browser: scope of a sales rep, and an admin creating a contact. */
import { expect, test } from '@playwright/test';
import { demoLogin, signOut } from './fixtures.js';

test('a sales rep cannot see a colleague’s contact, in the UI nor through the API', async ({ page }) => {
  // Find, as admin, a contact assigned to another sales rep than Sarah.
  await demoLogin(page, 'admin');
  const directory = await (await page.request.get('/api/team/directory?role=sales')).json();
  const colleague = directory.find((u: { firstName: string }) => u.firstName === 'Nicolas');
  const list = await (await page.request.get(`/api/crm/contacts?assignedTo=${colleague.id}&pageSize=1`)).json();
  const target = list.items[0];
  expect(target.assignedTo.firstName).toBe('Nicolas');
  await signOut(page);

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

test('a rep’s contact naming a company he does not follow waits for an admin, who approves it', async ({ page }) => {
  // As admin: a company of Nicolas's in which Sarah holds no contact.
  await demoLogin(page, 'admin');
  const directory = await (await page.request.get('/api/team/directory?role=sales')).json();
  const sarah = directory.find((u: { firstName: string }) => u.firstName === 'Sarah');
  const nicolas = directory.find((u: { firstName: string }) => u.firstName === 'Nicolas');
  const theirs = await (await page.request.get(`/api/crm/contacts?assignedTo=${nicolas.id}&pageSize=50`)).json();
  let company: { name: string; postalCode: string } | undefined;
  for (const c of theirs.items as { companyId: string | null; postalCode?: string }[]) {
    if (!c.companyId || !c.postalCode) continue;
    const detail = await (await page.request.get(`/api/crm/companies/${c.companyId}`)).json();
    const people = detail.contacts as { assignedTo: { id: string } | null }[];
    if (detail.postalCode && people.every((p) => p.assignedTo?.id !== sarah.id)) {
      company = { name: detail.name, postalCode: detail.postalCode };
      break;
    }
  }
  expect(company).toBeDefined();
  await signOut(page);

  // Sarah writes a contact that names it: saved, its link waits.
  await demoLogin(page, 'sales');
  await page.goto('/crm/contacts');
  await page.getByTestId('contact-create').click();
  const form = page.getByTestId('contact-form');
  const lastName = `Rattachement${Date.now().toString(36)}`;
  await form.getByLabel('Prénom').fill('Inès');
  await form.getByLabel('Nom', { exact: true }).fill(lastName);
  await form.getByLabel('Entreprise').fill(company!.name);
  await form.getByLabel('Code postal').fill(company!.postalCode);
  await page.getByTestId('contact-form-submit').click();
  await expect(page.getByText('Contact créé')).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher un contact' }).fill(lastName);
  await page.getByTestId('contacts-table').getByText(`Inès ${lastName}`).click();
  await expect(page.getByTestId('contact-company-link')).toContainText('Rattachement en attente de validation');
  await expect(page.getByTestId('company-link-approve')).toHaveCount(0);
  await signOut(page);

  // The admin finds it among the links to approve, and approves it from the drawer.
  await demoLogin(page, 'admin');
  await page.goto('/crm/contacts?companyLink=pending');
  await expect(page.getByTestId('contacts-filter-company-link')).toBeChecked();
  await page.getByTestId('contacts-table').getByText(`Inès ${lastName}`).click();
  await expect(page.getByTestId('contact-company-link')).toContainText('Rattachement en attente de validation');
  await page.getByTestId('company-link-approve').click();
  await expect(page.getByText(`Inès ${lastName} est rattaché à l’entreprise.`)).toBeVisible();
  await expect(page.getByTestId('contact-company-link')).toHaveCount(0);
});
