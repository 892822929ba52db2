/**
 * CRM → Entreprises in the browser: the card grid, then the map of France drawn without any tile
 * server (department outlines in SVG, companies as points and clusters in the three status colours),
 * and a point that opens its company.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoLogin } from './fixtures.js';

test.use({ viewport: { width: 1440, height: 1000 } });

const STATUS_COLOURS = ['#faad14', '#1677ff', '#52c41a'];

/** Fill colours of what the map shows for companies: points, and the status segments of clusters. */
async function statusFills(page: Page): Promise<string[]> {
  return page
    .getByTestId('companies-map')
    .locator('[data-status]')
    .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('fill') ?? ''))].sort());
}

test('the card grid lists the companies and opens one', async ({ page }) => {
  await demoLogin(page, 'admin');
  await page.goto('/crm/entreprises');
  const grid = page.getByTestId('companies-grid');
  const cards = grid.locator('[data-testid^="company-card-"]');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBe(20);
  await expect(page.getByText(/\d+ entreprises/).first()).toBeVisible();

  const first = cards.first();
  const name = (await first.locator('.ant-card-head-title').innerText()).trim();
  await expect(first).toContainText(/Lead|Prospect|Client/);
  await expect(first).toContainText(/\d+ contacts?/);
  await first.click();
  const detail = page.getByTestId('company-detail');
  await expect(detail).toBeVisible();
  await expect(page.locator('.ant-drawer-title')).toHaveText(name);
  await expect(detail.getByTestId('company-contacts').locator('.ant-list-item').first()).toBeVisible();
  await expect(page.getByRole('region', { name: "Activités de l'entreprise" })).toContainText(/\d+ activités?/);
  await expect(page).toHaveURL(/entreprise=[a-f\d]{24}/);

  // The search narrows the grid (server side).
  await page.keyboard.press('Escape');
  await page.getByTestId('companies-search').fill(name);
  await expect(cards).toHaveCount(1);
});

test('the map of France shows department outlines and companies in three colours; a point opens its company', async ({
  page,
}) => {
  await demoLogin(page, 'admin');
  await page.goto('/crm/entreprises');
  await expect(page.getByTestId('companies-grid')).toBeVisible();
  await page.getByTestId('companies-view-map').click();
  await expect(page).toHaveURL(/vue=carte/);

  const map = page.getByTestId('companies-map');
  await expect(map).toBeVisible();
  // 96 metropolitan departments, drawn as SVG paths from the GeoJSON shipped with the screen.
  await expect(map.locator('path[data-department]')).toHaveCount(96);
  await expect(map.locator('path[data-department="69"] title')).toHaveText('Rhône (69)');
  // Zoomed out, companies are clustered; leads, prospects and clients have their own colour.
  await expect(map.locator('[data-testid^="map-cluster-"]').first()).toBeVisible();
  await expect.poll(() => statusFills(page)).toEqual([...STATUS_COLOURS].sort());
  for (const s of ['lead', 'prospect', 'client']) await expect(page.getByTestId(`map-legend-${s}`)).toBeVisible();

  // A cluster zooms in, until single points appear.
  const points = map.locator('[data-testid^="map-point-"]');
  for (let i = 0; i < 6 && (await points.count()) === 0; i++) {
    const zoom = Number(await map.getAttribute('data-zoom'));
    await map.locator('[data-testid^="map-cluster-"]').first().click();
    await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(zoom);
  }
  const point = points.first();
  await expect(point).toBeVisible();
  const label = (await point.getAttribute('aria-label'))!;
  const id = (await point.getAttribute('data-testid'))!.replace('map-point-', '');
  await point.click();
  await expect(page.getByTestId('company-detail')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`entreprise=${id}`));
  await expect(page.locator('.ant-drawer-title')).toHaveText(label.split(' — ')[0]!);
});

test('a sales rep sees on the map only the companies of his contacts', async ({ browser }) => {
  const pointsSeenBy = async (role: 'sales' | 'admin') => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await demoLogin(page, role);
    const answer = page.waitForResponse((r) => r.url().includes('/api/crm/companies/map'));
    await page.goto('/crm/entreprises?vue=carte');
    const body = (await (await answer).json()) as { points: { id: string }[] };
    await expect(page.getByTestId('companies-map')).toBeVisible();
    await context.close();
    return body.points.length;
  };
  const mine = await pointsSeenBy('sales');
  const all = await pointsSeenBy('admin');
  expect(mine).toBeGreaterThan(0);
  expect(mine).toBeLessThan(all);
});
