import path from 'node:path'

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // TEST_DATABASE_ADMIN_URL, the server at 127.0.0.1:5432, or else an embedded PostgreSQL for the run,
    // with a migrated template database; and the run's one storefront build (test/support/globalSetup.ts).
    globalSetup: [path.resolve(import.meta.dirname, 'test/support/globalSetup.ts')],
    // Stopping the servers and dropping the database after the integration test can take a few seconds;
    // its start-up hook sets its own, longer limit.
    hookTimeout: 30_000,
    // Generous limits for a loaded two-core CI machine: the integration tests drive real servers (and
    // a browser) over HTTP. `expect.poll` would otherwise give up after one second.
    expect: { poll: { timeout: 10_000 } },
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
  },
})
