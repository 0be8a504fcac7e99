import path from 'node:path'

import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

import { e2eFirst } from '../test-support/src/e2eFirst'

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
    // One module graph per worker, shared by the files it runs (Payload and its dependencies are
    // imported once, not once per file: about half of each file's time). The files share no state
    // but what they create themselves (their own database, servers and Payload instance), and mock nothing.
    isolate: false,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Two files at a time (vitest's default on two cores is one): a file mostly waits for the servers
    // and browser it started, so a second one keeps the cores busy.
    maxWorkers: 2,
    sequence: {
      sequencer: class extends BaseSequencer {
        override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
          return e2eFirst(await super.sort(files))
        }
      },
    },
    testTimeout: 60_000,
  },
})
