import { defineConfig } from 'vitest/config';

// Pure functions run in Node; the hooks (`*.test.tsx`, rendered with @testing-library/react) in happy-dom.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', include: ['test/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'dom', include: ['test/**/*.test.tsx'], environment: 'happy-dom' } },
    ],
  },
});
