/**
 * Vitest `globalSetup` of the storefront: the shared one (database server, migrated template) and, at
 * the same time, the run's one storefront build, provided to every test file as `storefrontBuild`.
 */
import type { TestProject } from 'vitest/node'

import sharedSetup from '../../../test-support/src/globalSetup'
import { buildStorefront, removeTestBuild, testBuildDir } from './storefrontBuild'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = testBuildDir('run')
  const [shared, built] = await Promise.allSettled([sharedSetup(), buildStorefront(outDir)])
  const teardown = async (): Promise<void> => {
    removeTestBuild(outDir)
    if (shared.status === 'fulfilled') await shared.value()
  }
  for (const outcome of [shared, built]) {
    if (outcome.status === 'rejected') {
      await teardown()
      throw outcome.reason
    }
  }
  project.provide('storefrontBuild', outDir)
  return teardown
}
