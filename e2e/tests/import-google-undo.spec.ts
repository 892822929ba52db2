/**
 * CRM → Importer in the browser, as an admin: a Google Contacts export (its own headers, CRLF) is
 * recognised, imported with its organisation and its notes (unknown columns kept in the notes), then
 * the whole import is undone from the imports list and the contact is gone.
 */
import { expect, test } from '@playwright/test';
import { demoLogin } from './fixtures.js';

test.use({ viewport: { width: 1600, height: 1000 } });

const RUN = Date.now().toString(36);
const FILE_NAME = `google-${RUN}.csv`;
const FILE = [
  'First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value',
  `Hélène,,Dupré-${RUN},Boulangerie ${RUN},Gérante,1980-04-12,"Rencontrée au salon.\nRappeler en mars.",* myContacts ::: Clients,* Work,helene.${RUN}@google-e2e.fr,Mobile,06 12 34 56 78`,
].join('\r\n');

test('a Google Contacts file imports with its organisation and notes, then the whole import is undone', async ({
  page,
}) => {
  await demoLogin(page, 'admin');
  await page.goto('/crm/contacts');
  await page.getByTestId('import-open').click();
  const wizard = page.locator('.ant-modal').filter({ hasText: 'Importer des contacts' });
  await expect(wizard).toBeVisible();
  await wizard.locator('input[type="file"]').setInputFiles({
    name: FILE_NAME,
    mimeType: 'text/csv',
    buffer: Buffer.from(`${FILE}\r\n`, 'utf8'),
  });

  // Mapping: the export is recognised; the organisation is the company; Birthday is kept in the notes.
  await expect(page.getByTestId('import-format')).toHaveText('Export reconnu : Google Contacts');
  await expect(page.getByTestId('import-column-3')).toContainText('Entreprise');
  await expect(page.getByTestId('import-column-4')).toContainText('Poste');
  await expect(page.getByTestId('import-column-6')).toContainText('Notes');
  await expect(page.getByTestId('import-unmapped')).toContainText('Birthday');
  await expect(page.getByTestId('import-unmapped')).not.toContainText('E-mail 1 - Label');
  await expect(page.getByRole('checkbox', { name: /Conserver leur contenu dans les notes/ })).toBeChecked();
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-preview')).toContainText(`Dupré-${RUN}`);
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-start').click();

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  const stat = (title: string) =>
    report.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
  await expect(stat('Importés')).toHaveText('1');
  await wizard.getByRole('button', { name: 'Terminer' }).click();
  await expect(wizard).toBeHidden();

  // The contact, with its company, title and notes.
  await page.getByTestId('contacts-search').fill(RUN);
  const table = page.getByTestId('contacts-table');
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await table.getByText(`Dupré-${RUN}`).click();
  const drawer = page.getByTestId('contact-drawer');
  await expect(drawer).toContainText(`Boulangerie ${RUN}`);
  await expect(drawer).toContainText('Gérante');
  const notes = page.getByTestId('contact-notes');
  await expect(notes).toContainText('Rencontrée au salon.');
  await expect(notes).toContainText('Rappeler en mars.');
  await expect(notes).toContainText('Birthday : 1980-04-12');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Undo the whole import from the imports list.
  await page.getByTestId('import-open').click();
  await expect(wizard).toBeVisible();
  const row = page.getByTestId('imports-list').locator('tr').filter({ hasText: FILE_NAME });
  await row.getByRole('button', { name: 'Annuler l’import' }).click();
  const confirm = page.locator('.ant-popconfirm').filter({ hasText: 'Annuler cet import ?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Annuler l’import' }).click();
  await expect(row).toContainText('Import annulé', { timeout: 60_000 });
  await expect(row).toContainText('1 supprimés · 0 restaurés');
  await expect(row.getByRole('button', { name: 'Annuler l’import' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();

  await page.reload();
  await page.getByTestId('contacts-search').fill(RUN);
  await expect(page.getByTestId('contacts-table')).toContainText('Aucun contact ne correspond');
  await expect(page.getByTestId('contacts-table')).not.toContainText(`Dupré-${RUN}`);
});
