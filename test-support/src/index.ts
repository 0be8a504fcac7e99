// The type of what the shared globalSetup provides (`inject('migratedTemplate')`).
import './providedContext'

export type { Browser, Page } from 'playwright-core'

export { launchBrowser, screenshot } from './browser'
export { type Exit, type RunningProcess, runProcess, startProcess, type StartOptions } from './childProcess'
/** A TCP port nobody listens on right now (for servers whose URL must be known before they start). */
export { freeLocalPort as freePort, portAccepts } from '@showroom/embedded-database'
export { checkMetrics, type PromtoolVerdict } from './promtool'
export { startTestS3Server, type TestS3Server } from './s3Server'
export { createTestDatabase, SYSTEM_POSTGRES_URL, type TestDatabase, withAdmin } from './testDatabase'
export { provideTestDatabaseServer } from './testDatabaseServer'
export { runSql } from './runSql'
export { waitForLockWaiters } from './lockWaiters'
export { FIGURE_PREFIX, reportFigure } from './benchFigure'
export { adaptNginxConfig, type NginxLogLine, type NginxTopology, type RunningNginx, startNginx } from './nginx'
export { runWrk, type WrkResult, wrkTable } from './wrk'
export { measureRawServer, startRawServer } from './rawServer'
