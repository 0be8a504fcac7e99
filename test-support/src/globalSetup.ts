/**
 * Vitest `globalSetup` of both apps: one database server for the whole run (see `provideTestDatabaseServer`)
 * and one migrated template database on it, which test files clone (`migratedTemplate()`). Both reach the
 * test files, and the processes they start, through the environment.
 */
import { createMigratedTemplate } from './migratedTemplate'
import { TEMPLATE_ENV } from './testDatabase'
import { provideTestDatabaseServer } from './testDatabaseServer'

export default async function setup(): Promise<() => Promise<void>> {
  const stopServer = await provideTestDatabaseServer()
  try {
    const template = await createMigratedTemplate()
    process.env[TEMPLATE_ENV] = template.name
    return async () => {
      delete process.env[TEMPLATE_ENV]
      await template.drop()
      await stopServer()
    }
  } catch (error) {
    await stopServer()
    throw error
  }
}
