import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3'

/** A probe that takes longer than this counts as failed: an orchestrator must not wait on a hung database. */
export const CHECK_TIMEOUT_MS = 2000

export type CheckResult = { error?: string; ok: boolean }

const withTimeout = async (name: string, check: (signal: AbortSignal) => Promise<unknown>): Promise<CheckResult> => {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new Error(`${name} did not answer within ${CHECK_TIMEOUT_MS} ms`))
    }, CHECK_TIMEOUT_MS)
  })
  try {
    await Promise.race([check(controller.signal), timeout])
    return { ok: true }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), ok: false }
  } finally {
    clearTimeout(timer)
  }
}

/** `select 1` on the pool Payload uses: it needs a free connection, as every request does. */
export const checkDatabase = (payload: Payload): Promise<CheckResult> =>
  withTimeout('Postgres', () => (payload.db as unknown as PostgresAdapter).pool.query('select 1'))

/** `HeadBucket`: the bucket exists and the keys may use it. */
export const checkBucket = (client: S3Client, bucket: string): Promise<CheckResult> =>
  withTimeout('S3', (abortSignal) => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal }))

let shuttingDown = false

/** From now on the readiness check answers 503, so load balancers stop sending new requests. */
export const markShuttingDown = (): void => {
  shuttingDown = true
}

export const isShuttingDown = (): boolean => shuttingDown
