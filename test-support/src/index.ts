export type { Browser, Page } from 'playwright-core'

export { launchBrowser, screenshot } from './browser'
export { type Exit, freePort, type RunningProcess, runProcess, startProcess, type StartOptions } from './childProcess'
export { startTestS3Server, type TestS3Server } from './s3Server'
export { createTestDatabase, type TestDatabase } from './testDatabase'
export { runSql } from './runSql'
export { FIGURE_PREFIX, reportFigure } from './benchFigure'
