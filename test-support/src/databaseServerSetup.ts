/**
 * Vitest `globalSetup` for a package that brings its own schema (the commerce plugin's minimal host):
 * the run's database server only, without the CMS's migrated template (`globalSetup.ts`).
 */
import { provideTestDatabaseServer } from './testDatabaseServer'

export default provideTestDatabaseServer
