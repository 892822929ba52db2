/**
 * CRM → Contacts → Importer / Exporter in the browser, as an admin: a French Excel CSV (Windows-1252,
 * ";" separators, CRLF) with broken rows goes through the wizard — mapping, preview with the refused
 * cells, options, background run — to its report; the good rows are contacts, the rejected lines
 * download with their line and reason. Then the filtered list is exported as CSV.
 */
import fs from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import { demoLogin } from './fixtures.js';

test.use({ viewport: { width: 1600, height: 1000 } });

const RUN = Date.now().toString(36);
// Latin-1 characters only: Buffer's 'latin1' is then the bytes Windows-1252 gives them.
const FILE = [
  'Prénom;Nom;E-mail;Téléphone;Société;Ville;Statut',
  `Hélène;Lefèvre-${RUN};helene.${RUN}@import-e2e.fr;06 12 34 56 78;Crêperie Noël ${RUN};Brest;Client`,
  `Jean;Mauvais-${RUN};jean.${RUN}@sans-domaine;06 11 11 11 11;Acme;Lyon;Lead`,
  `François;Garçon-${RUN};francois.${RUN}@import-e2e.fr;123;Acme;Lyon;Prospect`,
  `Zoé;Rivière-${RUN};zoe.${RUN}@import-e2e.fr;07 22 33 44 55;"Ateliers; Réunis";Lille;Prospect`,
  `Hélène;Doublon-${RUN};HELENE.${RUN}@import-e2e.fr;;;;Lead`,
].join('\r\n');

const text = async (download: Download) => fs.readFileSync((await download.path())!, 'utf8');

test('a broken Windows-1252 file imports its good rows and reports each bad line; the list exports as CSV', async ({ page }) => {
  await demoLogin(page, 'admin');
  await page.goto('/crm/contacts');
  await page.getByTestId('import-open').click();
  const wizard = page.locator('.ant-modal').filter({ hasText: 'Importer des contacts' });
  await expect(wizard).toBeVisible();

  // 1. The file.
  await wizard.locator('input[type="file"]').setInputFiles({
    name: 'prospects-salon.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${FILE}\r\n`, 'latin1'),
  });

  // 2. Columns: detected from the French headers (accents read right: the encoding was detected).
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toContainText('Prénom');
  await expect(mapping).toContainText('Téléphone');
  await expect(wizard).toContainText('5 lignes');
  await expect(page.getByTestId('import-column-0')).toContainText('Prénom');
  await expect(page.getByTestId('import-column-4')).toContainText('Entreprise');
  await page.getByTestId('import-next').click();

  // 3. Preview: the refused cells are marked, with their reason.
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText(`Lefèvre-${RUN}`);
  await expect(preview).toContainText('Ateliers; Réunis');
  await expect(preview.getByTestId('import-preview-error')).toHaveCount(2);
  await expect(wizard).toContainText('2 lignes sur 5 seront refusées');
  await page.getByTestId('import-next').click();

  // 4. Options: deduplicate by e-mail (the default), tag the new contacts.
  const tags = page.getByLabel('Tags à ajouter');
  await tags.fill(`Salon ${RUN}`);
  await tags.press('Enter');
  await page.getByTestId('import-start').click();

  // 5–6. The run, then its report.
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report).toContainText('terminé');
  const stat = (title: string) => report.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
  await expect(stat('Importés')).toHaveText('2');
  await expect(stat('Doublons')).toHaveText('1');
  await expect(stat('Erreurs')).toHaveText('2');

  const rejectedDownload = page.waitForEvent('download');
  await page.getByTestId('import-rejected-download').click();
  const rejected = await text(await rejectedDownload);
  expect(rejected).toContain('Ligne;Type;Colonne;Motif');
  expect(rejected).toMatch(/\r\n3;Erreur;E-mail;L'adresse e-mail n'est pas valide\./);
  expect(rejected).toMatch(/\r\n4;Erreur;Téléphone;Le numéro de téléphone n'est pas valide/);
  expect(rejected).toMatch(/\r\n6;Doublon;.*ligne 2 du fichier/);
  expect(rejected).toContain(`Mauvais-${RUN}`);

  await wizard.getByRole('button', { name: 'Terminer' }).click();
  await expect(wizard).toBeHidden();

  // The imported contacts are in the list, tagged; the bad ones are not.
  await page.getByTestId('contacts-search').fill(RUN);
  const table = page.getByTestId('contacts-table');
  await expect(table).toContainText(`Lefèvre-${RUN}`);
  await expect(table).toContainText(`Rivière-${RUN}`);
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(2);

  // Export of the list as filtered: the same two contacts, French Excel CSV.
  await page.getByTestId('contacts-export').click();
  const exportDownload = page.waitForEvent('download');
  await page.getByTestId('contacts-export-csv').click();
  const download = await exportDownload;
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await text(download);
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toContain('Prénom;Nom');
  expect(lines.slice(1).join('\n')).toContain(`helene.${RUN}@import-e2e.fr`);
  expect(lines.slice(1).join('\n')).toContain(`Salon ${RUN}`);
});
