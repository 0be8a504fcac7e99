import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Stopping the servers and dropping the database after the integration test can take a few seconds;
    // its start-up hook sets its own, longer limit.
    hookTimeout: 30_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
})
