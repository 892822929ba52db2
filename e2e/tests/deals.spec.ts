/**
 * CRM → Deals in the browser, as a sales rep: drag a card to another stage of the kanban (dnd-kit
 * follows Playwright's mouse), counts change at once and the move survives a reload; a drop on
 * "Perdu" asks the loss reason first.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoLogin } from './fixtures.js';

// The six columns side by side, as on a desktop screen.
test.use({ viewport: { width: 1920, height: 1080 } });

const column = (page: Page, stage: string) => page.getByTestId(`deals-column-${stage}`);
const countOf = async (page: Page, stage: string) => Number(await column(page, stage).getAttribute('data-count'));

/** Presses on the card, moves in several steps over the target column, releases. */
async function drag(page: Page, card: Locator, target: Locator) {
  await card.hover();
  await page.mouse.down();
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  // A first small move starts the drag (the board waits for 6 px so that a click still opens the deal).
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 12, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 160, { steps: 12 });
  await page.mouse.up();
}

async function openBoard(page: Page) {
  await page.goto('/crm/deals');
  await expect(page.getByTestId('deals-board')).toBeVisible();
  await expect(column(page, 'lost')).toBeVisible();
}

/** A card of `stage` and its id. */
async function firstCard(page: Page, stage: string) {
  const card = column(page, stage).locator('[data-testid^="deal-card-"]').first();
  await expect(card).toBeVisible();
  const id = (await card.getAttribute('data-testid'))!.replace('deal-card-', '');
  return { card, id };
}

test('a sales rep drags a deal to the next stage: counts change at once and the move persists', async ({ page }) => {
  await demoLogin(page, 'sales');
  await openBoard(page);
  const before = { discovery: await countOf(page, 'discovery'), qualification: await countOf(page, 'qualification') };
  expect(before.discovery).toBeGreaterThan(0);
  const { card, id } = await firstCard(page, 'discovery');

  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/crm/deals/${id}/stage`) && r.request().method() === 'POST');
  await drag(page, card, column(page, 'qualification'));
  await expect(column(page, 'qualification').getByTestId(`deal-card-${id}`)).toBeVisible();
  await expect(column(page, 'discovery').getByTestId(`deal-card-${id}`)).toHaveCount(0);
  await expect(column(page, 'discovery')).toHaveAttribute('data-count', String(before.discovery - 1));
  await expect(column(page, 'qualification')).toHaveAttribute('data-count', String(before.qualification + 1));
  expect((await saved).status()).toBe(200);
  await expect(page.getByText('passé en Qualification')).toBeVisible();

  await page.reload();
  await expect(column(page, 'qualification').getByTestId(`deal-card-${id}`)).toBeVisible();
  await expect(column(page, 'discovery')).toHaveAttribute('data-count', String(before.discovery - 1));
  await expect(column(page, 'qualification')).toHaveAttribute('data-count', String(before.qualification + 1));

  // The detail shows the move in the stage history, by the rep.
  await column(page, 'qualification').getByTestId(`deal-card-${id}`).click();
  const history = page.getByTestId('deal-history');
  await expect(history).toContainText('Qualification');
  await expect(history).toContainText('Sarah Benali');
});

test('a drop on Perdu asks the loss reason before saving', async ({ page }) => {
  await demoLogin(page, 'sales');
  await openBoard(page);
  const lostBefore = await countOf(page, 'lost');
  const negotiationBefore = await countOf(page, 'negotiation');
  const { card, id } = await firstCard(page, 'negotiation');

  // Cancelled: nothing moves.
  await drag(page, card, column(page, 'lost'));
  const modal = page.getByTestId('loss-reason-modal');
  await expect(modal).toBeVisible();
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(modal).toBeHidden();
  await expect(column(page, 'negotiation').getByTestId(`deal-card-${id}`)).toBeVisible();
  await expect(column(page, 'lost')).toHaveAttribute('data-count', String(lostBefore));

  // The reason is required; once given, the deal is lost.
  await drag(page, column(page, 'negotiation').getByTestId(`deal-card-${id}`), column(page, 'lost'));
  await expect(modal).toBeVisible();
  await page.getByTestId('loss-reason-submit').click();
  await expect(modal).toContainText('Indiquez le motif de perte');
  await modal.getByLabel('Motif de perte').fill('Budget gelé jusqu’à l’an prochain');
  await page.getByTestId('loss-reason-submit').click();
  await expect(modal).toBeHidden();
  await expect(column(page, 'lost').getByTestId(`deal-card-${id}`)).toBeVisible();
  await expect(column(page, 'lost')).toHaveAttribute('data-count', String(lostBefore + 1));
  await expect(column(page, 'negotiation')).toHaveAttribute('data-count', String(negotiationBefore - 1));

  await page.reload();
  await expect(column(page, 'lost')).toHaveAttribute('data-count', String(lostBefore + 1));
  const deal = await (await page.request.get(`/api/crm/deals/${id}`)).json();
  expect(deal).toMatchObject({ stage: 'lost', lossReason: 'Budget gelé jusqu’à l’an prochain', probability: 0 });
});

test('the list view is server-paginated and filtered like the board', async ({ page }) => {
  await demoLogin(page, 'sales');
  await page.goto('/crm/deals');
  await page.getByTestId('deals-view-list').click();
  await expect(page).toHaveURL(/vue=liste/);
  const table = page.getByTestId('deals-table');
  const rowsOf = table.locator('tbody tr.ant-table-row');
  await expect(rowsOf.first()).toBeVisible();
  const stageFilter = page.getByTestId('deals-filter-stage');
  await stageFilter.click();
  // The option of the dropdown now open (not of one closing).
  const won = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: 'Gagné' });
  await expect(won).toBeVisible();
  await won.click();
  await expect(stageFilter).toContainText('Gagné');
  await expect(page).toHaveURL(/stage=won/);
  await expect(rowsOf.first()).toContainText('Gagné');
  const rows = await rowsOf.allInnerTexts();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toContain('Gagné');
  // Every deal shown is Sarah's.
  for (const row of rows) expect(row).toContain('Sarah Benali');
  await page.getByTestId('deals-view-kanban').click();
  await expect(page.getByTestId('deals-board')).toBeVisible();
});

test('an admin creates a deal with validation, deletes it and undoes the deletion', async ({ page }) => {
  await demoLogin(page, 'admin');
  await page.goto('/crm/deals?vue=liste');
  await page.getByTestId('deal-create').click();
  const form = page.getByTestId('deal-form');
  await page.getByTestId('deal-form-submit').click();
  await expect(form).toContainText('Le titre est obligatoire.');
  await form.getByLabel('Titre').fill('Refonte e2e du site');
  await page.getByTestId('deal-form-contact').click();
  // Pick from the answer to the search typed, not from the list it replaces.
  const searched = page.waitForResponse((r) => /\/api\/crm\/contacts\?.*q=a(&|$)/.test(r.url()) && r.ok());
  await page.keyboard.type('a');
  await searched;
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(form).not.toContainText('Rechercher un contact');
  // French formats: a text that is not a number is refused, a decimal comma keeps the magnitude.
  const amount = form.getByLabel('Montant', { exact: true });
  await amount.fill('abc');
  await page.getByTestId('deal-form-submit').click();
  await expect(form).toContainText('Saisissez un nombre, par exemple 4 800,50.');
  await amount.fill('4 800,50');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/crm/deals') && r.request().method() === 'POST');
  await page.getByTestId('deal-form-submit').click();
  const response = await created;
  expect(response.status()).toBe(201);
  expect(((await response.json()) as { amount: number }).amount).toBe(4800.5);
  await expect(page.getByText('Deal créé')).toBeVisible();

  const drawer = page.getByTestId('deal-drawer');
  await expect(drawer).toContainText(/4\s800,50\s€/);
  await expect(page.getByTestId('deal-history')).toContainText('Découverte');
  await page.getByTestId('deal-delete').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByText('Deal supprimé')).toBeVisible();
  await page.getByTestId('deal-undo').click();
  await expect(page.getByText('Deal restauré')).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher un deal' }).fill('refonte e2e');
  await expect(page.getByTestId('deals-table')).toContainText('Refonte e2e du site');
});
