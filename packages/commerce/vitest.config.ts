import path from 'node:path'

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // The same database server as the apps' tests: TEST_DATABASE_ADMIN_URL, 127.0.0.1:5432 or an embedded PostgreSQL.
    globalSetup: [path.resolve(import.meta.dirname, '../../test-support/src/databaseServerSetup.ts')],
    hookTimeout: 120_000,
    // One module graph per worker, shared by the files it runs, as in both apps: Payload and its
    // dependencies are imported once per worker, not once per file. Each file starts its own Payload
    // on its own database (keyed by its name) and mocks nothing.
    isolate: false,
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    maxWorkers: 2,
    testTimeout: 60_000,
  },
})
