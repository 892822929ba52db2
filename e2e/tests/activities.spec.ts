/** CRM → Activités in the browser: a sales rep creates an activity, finds it in the timeline and on its day. */
import { expect, test } from '@playwright/test';
import { parisDayKey } from '../../api/src/contracts/index.js';
import { demoLogin } from './fixtures.js';

test('a sales rep creates an activity, sees it in the timeline, then on its day in the calendar', async ({ page }) => {
  await demoLogin(page, 'sales');
  await page.goto('/crm/activites');
  await expect(page.getByTestId('activities-timeline')).toBeVisible();

  // Two days from now, 10:30 in Paris.
  const day = parisDayKey(Date.now() + 2 * 86_400_000);
  const [year, month, date] = day.split('-');
  const subject = `Présentation de la maquette ${Date.now().toString(36)}`;

  await page.getByTestId('activity-create').click();
  const form = page.getByTestId('activity-form');
  await form.getByText('Réunion', { exact: true }).click();
  await page.getByTestId('activity-form-submit').click();
  await expect(form).toContainText("L'objet est obligatoire.");

  await form.getByLabel('Objet').fill(subject);
  const due = form.getByLabel('Échéance');
  await due.click();
  await due.fill(`${date}/${month}/${year} 10:30`);
  await due.press('Enter');
  await form.getByLabel('Durée (minutes)').fill('45');
  // The contact: searched by name as a user does, then chosen; the field must show it before we go on.
  const contactField = form.getByTestId('activity-form-contact');
  await form.getByLabel('Contact').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options.first()).toBeVisible();
  const contactName = (await options.first().innerText()).replace(/ \(.*\)$/, '');
  await form.getByLabel('Contact').fill(contactName);
  await expect(contactField.locator('.anticon-loading')).toHaveCount(0);
  const chosen = options.filter({ hasText: contactName }).first();
  await expect(chosen).toBeVisible();
  await chosen.click();
  await expect(contactField).toContainText(contactName);
  await form.getByLabel('Notes').fill('Apporter les maquettes imprimées.');
  await page.getByTestId('activity-form-submit').click();
  await expect(page.getByText('Activité créée')).toBeVisible();
  await expect(form).toBeHidden();

  // The timeline: find it by its subject, on its day, at its time.
  await page.getByRole('textbox', { name: 'Rechercher une activité' }).fill(subject);
  const timeline = page.getByTestId('activities-timeline');
  const entry = timeline.locator('[data-testid^="activity-item-"]', { hasText: subject });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('10:30');
  await expect(entry).toContainText('Planifiée');
  await expect(entry).toContainText(contactName);
  await expect(entry).toContainText('45 min');
  const id = (await entry.getAttribute('data-testid'))!.replace('activity-item-', '');

  // The calendar: its day cell holds it (the day list too, whatever else that day has).
  await page.getByText('Calendrier', { exact: true }).click();
  await expect(page).toHaveURL(/vue=calendrier/);
  const calendar = page.getByTestId('activities-calendar');
  await expect(calendar).toBeVisible();
  if (!day.startsWith(parisDayKey(Date.now()).slice(0, 7))) await page.getByRole('button', { name: 'Mois suivant' }).click();
  const cell = calendar.locator(`td[title="${day}"]`);
  // On the day's number: the middle of the cell may hold another activity, which a click would open.
  await cell.locator('.ant-picker-calendar-date-value').click();
  await expect(page.getByTestId('calendar-day')).toContainText(subject);
  const item = cell.getByTestId(`calendar-item-${id}`);
  const inCell = (await item.count()) > 0;
  if (inCell) await item.click();
  else await page.getByTestId('calendar-day').getByText(subject).click();

  // Its detail, then deletion with confirmation and undo.
  const drawer = page.getByTestId('activity-drawer');
  await expect(drawer).toContainText('Réunion');
  await expect(drawer).toContainText(`${date}/${month}/${year} 10:30`);
  await expect(drawer).toContainText('Apporter les maquettes imprimées.');
  await page.getByTestId('activity-delete').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByText('Activité supprimée')).toBeVisible();
  await expect(page.getByTestId('calendar-day')).not.toContainText(subject);
  await page.getByTestId('activity-undo').click();
  await expect(page.getByText('Activité restaurée')).toBeVisible();
  await expect(page.getByTestId('calendar-day')).toContainText(subject);
});
