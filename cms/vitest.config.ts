import path from 'node:path'

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // TEST_DATABASE_ADMIN_URL, the server at 127.0.0.1:5432, or else an embedded PostgreSQL for the run.
    globalSetup: [path.resolve(import.meta.dirname, '../test-support/src/globalSetup.ts')],
    // Each file starts its own Payload on its own database; a few at a time keeps two cores busy.
    fileParallelism: true,
    // Hooks start a CMS each (a database, Payload, the migrations, test users): seconds on an idle
    // machine, far more on a loaded one. Hooks that also start a process allow for its own start-up
    // wait (apiProcess.ts) explicitly, so a slow start fails with the process's output, not a bare timeout.
    hookTimeout: 120_000,
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    maxWorkers: 2,
    testTimeout: 60_000,
  },
})
