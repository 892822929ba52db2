import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: two workers at most (vitest's default on 2 cores is one, cores − 1).
    maxWorkers: 2,
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/api/global-setup.ts'],
          // Generous for a shared, loaded machine: two files run at once against one FerretDB.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two API test files at a time, each in its own worker process, on its own database
          // (harness.ts: startTestApp), app port and temporary folders; the Agenda scheduler is
          // started by a test on its own database only. They share the FerretDB process alone.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
