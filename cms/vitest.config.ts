import path from 'node:path'

import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

import { e2eFirst } from '../test-support/src/e2eFirst'

export default defineConfig({
  test: {
    // TEST_DATABASE_ADMIN_URL, the server at 127.0.0.1:5432, or else an embedded PostgreSQL for the run.
    globalSetup: [path.resolve(import.meta.dirname, '../test-support/src/globalSetup.ts')],
    // Each file starts its own Payload on its own database; a few at a time keeps two cores busy.
    fileParallelism: true,
    // Hooks start a CMS each (a copy of the migrated template, Payload, test users): seconds on an idle
    // machine, far more on a loaded one. Hooks that also start a process allow for its own start-up
    // wait (apiProcess.ts) explicitly, so a slow start fails with the process's output, not a bare timeout.
    hookTimeout: 120_000,
    // One module graph per worker, shared by the files it runs (Payload and its dependencies are
    // imported once, not once per file: about half of each file's time). The files share no state
    // but what they create themselves (their own database, servers and Payload instance), and mock nothing.
    isolate: false,
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
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
