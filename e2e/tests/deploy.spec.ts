/**
 * Independent deployment: while the portal runs, a new mfe-crm version is built and published by
 * the deploy command; a reload picks it up, while the other remotes keep theirs. Rollback too.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoLogin } from './fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('a new mfe-crm version is live on reload; others keep theirs; rollback restores it', async ({ page }) => {
  test.setTimeout(240_000);
  await demoLogin(page, 'sales');
  const before = await (await page.request.get('/api/me')).json();
  const crmBefore = before.remotes.find((r: { name: string }) => r.name === 'mfe-crm').version;
  const personalBefore = before.remotes.find((r: { name: string }) => r.name === 'mfe-personal-space').version;
  await page.goto('/crm/contacts');
  await expect(page.getByTestId('remote-version')).toHaveText(`mfe-crm v${crmBefore}`);

  const version = `9.9.${Date.now() % 100000}`;
  execFileSync('npm', ['run', 'deploy', '-w', 'mfe-crm', '--', '--version', version], {
    cwd: ROOT,
    env: process.env,
    stdio: 'inherit',
  });

  await page.reload();
  await expect(page.getByTestId('remote-version')).toHaveText(`mfe-crm v${version}`);
  await page.getByTestId('nav-personal').click();
  await expect(page.getByTestId('remote-version')).toHaveText(`mfe-personal-space v${personalBefore}`);

  execFileSync('npm', ['run', 'rollback', '-w', 'mfe-crm'], { cwd: ROOT, env: process.env, stdio: 'inherit' });
  await page.goto('/crm/contacts');
  await expect(page.getByTestId('remote-version')).toHaveText(`mfe-crm v${crmBefore}`);
});
