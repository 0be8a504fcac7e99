export type { Browser, Page } from 'playwright-core'

export { launchBrowser, screenshot } from './browser'
export { type Exit, freePort, type RunningProcess, runProcess, startProcess, type StartOptions } from './childProcess'
export { createTestDatabase, type TestDatabase } from './testDatabase'
