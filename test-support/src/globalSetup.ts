/** Vitest `globalSetup` of both apps: one database server for the whole run (see `provideTestDatabaseServer`). */
import { provideTestDatabaseServer } from './testDatabaseServer'

export default provideTestDatabaseServer
