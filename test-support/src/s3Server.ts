/// <reference path="./s3rver.d.ts" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import S3rver from 's3rver'

import { freeLocalPort as freePort } from '@showroom/embedded-database'

export type TestS3Server = {
  bucket: string
  /** Stops the server and removes its files. */
  close: () => Promise<void>
  /** Credentials s3rver accepts (it accepts exactly these). */
  credentials: { accessKeyId: string; secretAccessKey: string }
  /** The CMS environment for this bucket (path-style), with `S3_PUBLIC_URL` unless told otherwise. */
  env: (options?: { publicUrl?: boolean }) => Record<string, string>
  /** Public URL of the bucket's objects: `<url>/<bucket>`. */
  publicUrl: string
  /** Starts it again on the same port and files (after `stop`). */
  start: () => Promise<void>
  stop: () => Promise<void>
  url: string
}

/**
 * A real S3-compatible server (s3rver) in the test process on a free port, with one bucket and its
 * files in a temporary folder.
 */
export const startTestS3Server = async (bucket = 'showroom-media'): Promise<TestS3Server> => {
  const directory = mkdtempSync(path.join(tmpdir(), 'showroom-s3-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
  let server: S3rver | undefined
  const start = async (): Promise<void> => {
    server = new S3rver({ address: '127.0.0.1', configureBuckets: [{ name: bucket }], directory, port, silent: true })
    const address = await server.run()
    if (address.port !== port) throw new Error(`s3rver listens on ${address.port}, expected ${port}`)
  }
  const stop = async (): Promise<void> => {
    await server?.close()
    server = undefined
  }
  await start()
  const publicUrl = `${url}/${bucket}`
  return {
    bucket,
    close: async () => {
      await stop()
      rmSync(directory, { force: true, recursive: true })
    },
    credentials,
    env: ({ publicUrl: withPublicUrl = true } = {}) => ({
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_BUCKET: bucket,
      S3_ENDPOINT: url,
      S3_FORCE_PATH_STYLE: 'true',
      ...(withPublicUrl ? { S3_PUBLIC_URL: publicUrl } : {}),
      S3_REGION: 'us-east-1',
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    }),
    publicUrl,
    start,
    stop,
    url,
  }
}
