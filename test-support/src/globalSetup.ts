/**
 * Vitest `globalSetup` of both apps: one database server for the whole run (see `provideTestDatabaseServer`)
 * and one migrated template database on it, which test files clone (`inject('migratedTemplate')`).
 */
import type { TestProject } from 'vitest/node'

import { createMigratedTemplate } from './migratedTemplate'
import './providedContext'
import { provideTestDatabaseServer } from './testDatabaseServer'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stopServer = await provideTestDatabaseServer()
  try {
    const template = await createMigratedTemplate()
    project.provide('migratedTemplate', template.name)
    return async () => {
      await template.drop()
      await stopServer()
    }
  } catch (error) {
    await stopServer()
    throw error
  }
}
