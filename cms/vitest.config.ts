import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Each file starts its own Payload on its own database; a few at a time keeps two cores busy.
    fileParallelism: true,
    hookTimeout: 60_000,
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    maxWorkers: 2,
    testTimeout: 60_000,
  },
})
