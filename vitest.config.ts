import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
  '@seeds': fileURLToPath(new URL('./seeds', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          expect: { poll: { timeout: 15_000 } },
          // no time limit of 5 s: a test that spawns npm or worker threads takes longer on a shared 2-core
          // machine, and speed is the benchmarks' business (this only stops a hung test)
          testTimeout: 120_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: { name: 'component', environment: 'happy-dom', include: ['tests/component/**/*.test.ts'], testTimeout: 120_000, expect: { poll: { timeout: 15_000 } } },
      },
      {
        resolve: { alias },
        test: {
          name: 'county',
          environment: 'node',
          // each file starts a private PostgreSQL cluster of its own (tests/support/pgCluster.ts); one file at a time on 2 cores
          include: ['tests/county/**/*.test.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // globalSetup builds the renderer with npm run web; test files run one after another, each on its own host and folder
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // expect.poll waits for the page, not for a budget: 1 s (vitest's default) is too short on a loaded 2-core machine
          expect: { poll: { timeout: 15_000 } },
          globalSetup: ['tests/e2e/globalSetup.ts'],
        },
      },
    ],
  },
});
