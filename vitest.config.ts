import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Four projects: main-process modules under Node, renderer components under jsdom, the same
// components' server render under Node (main draws the first frame with it), and the end-to-end
// suite (built renderer in Chromium), which `npm test` leaves to `npm run test:e2e`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/shared/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.ts'],
          exclude: ['test/renderer/**/*.server.test.ts'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
      {
        // Node, no DOM: the components compile for the server, as main's build has them.
        plugins: [svelte()],
        test: {
          name: 'server-render',
          environment: 'node',
          include: ['test/renderer/**/*.server.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
