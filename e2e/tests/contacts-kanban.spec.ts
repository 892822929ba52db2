/**
 * CRM → Contacts in the browser: the kanban by status (a sales rep drags his contact from Lead to
 * Prospect and finds it there after a reload), and a bulk tag on two selected contacts, undone from
 * the toast.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoLogin } from './fixtures.js';

/** Drags with the mouse in small steps, as a person does (dnd-kit starts after a few pixels). */
async function drag(page: Page, from: Locator, to: Locator) {
  // The card may sit below the fold (which one comes first depends on the day's demo data): the
  // mouse only reaches what is on screen, elsewhere it would select text instead of dragging.
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const viewport = page.viewportSize()!;
  // A point of the target column that is on screen.
  const top = Math.max(b.y, 0);
  const bottom = Math.min(b.y + b.height, viewport.height);
  const targetY = Math.min(top + 120, (top + bottom) / 2);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, targetY, { steps: 20 });
  await page.mouse.up();
}

test('a sales rep drags his contact from Lead to Prospect, and it stays there after a reload', async ({ page }) => {
  await demoLogin(page, 'sales');
  await page.goto('/crm/contacts?vue=kanban');
  const lead = page.getByTestId('contacts-column-lead');
  const prospect = page.getByTestId('contacts-column-prospect');
  await expect(lead.locator('[data-testid^="contact-card-"]').first()).toBeVisible();

  // Cards of contacts he may not update (unassigned) are locked.
  await expect(lead.locator('[data-draggable="false"]').first()).toBeVisible();
  const card = lead.locator('[data-draggable="true"]').first();
  const testId = (await card.getAttribute('data-testid'))!;
  const name = (await card.locator('strong, .ant-typography-strong').first().innerText()).trim();
  const leadCount = Number(await page.getByTestId('contacts-column-count-lead').innerText());

  await drag(page, card, prospect);
  await expect(page.getByText(`${name} est passé en « Prospect »`)).toBeVisible();
  await expect(prospect.getByTestId(testId)).toBeVisible();
  await expect(page.getByTestId('contacts-column-count-lead')).toHaveText(String(leadCount - 1));

  await page.reload();
  await page.getByTestId('contacts-search').fill(name);
  await expect(prospect.getByTestId(testId)).toBeVisible();
  await expect(lead.getByTestId(testId)).toHaveCount(0);
  // The list says the same.
  await page.getByTestId('contacts-view').getByText('Liste').click();
  await page.getByTestId('contacts-table').getByText(name).click();
  await expect(page.getByTestId('contact-drawer')).toContainText('Prospect');
});

test('a sales rep tags two contacts at once, then undoes it from the toast', async ({ page }) => {
  await demoLogin(page, 'sales');
  await page.goto('/crm/contacts');
  const tag = `E2E ${Date.now().toString(36)}`;
  const count = async () =>
    (await (await page.request.get(`/api/crm/contacts?tag=${encodeURIComponent(tag)}`)).json()).total as number;

  const selectable = page.getByRole('checkbox', { name: /^Sélectionner / }).and(page.locator(':enabled'));
  await expect(selectable.first()).toBeVisible();
  await selectable.nth(0).check();
  await selectable.nth(1).check();
  const bar = page.getByTestId('contacts-bulk-bar');
  await expect(bar).toContainText('2 contacts sélectionnés');

  await bar.getByTestId('bulk-tag').click();
  await page.getByTestId('bulk-tag-input').fill(tag);
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText(`2 contacts tagués « ${tag} ».`)).toBeVisible();
  expect(await count()).toBe(2);

  // "Annuler" stays a few seconds in the toast.
  await page.getByTestId('bulk-undo').click();
  await expect(page.getByText('Action annulée : 2 contacts rétablis')).toBeVisible();
  expect(await count()).toBe(0);
  // The tag is no longer offered by the tag filter.
  await page.getByTestId('contacts-filter-tag').click();
  await expect(page.getByTitle('SEO', { exact: true }).first()).toBeVisible();
  await expect(page.getByTitle(tag)).toHaveCount(0);
});
