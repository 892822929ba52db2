import { defineConfig } from '@playwright/test';

// Chosen once in the runner process; the workers inherit it, and global setup serves on it.
process.env.E2E_PORT ??= String(30_000 + Math.floor(Math.random() * 20_000));

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  // The portal, its database and the browser share two cores: one test at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${process.env.E2E_PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
});
