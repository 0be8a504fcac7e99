import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { startTestS3Server, type TestS3Server } from '@showroom/test-support'

import type { S3Settings } from '../src/env'

export type TestS3 = Pick<TestS3Server, 'start' | 'stop' | 'url'> & {
  /** Stops the server and removes its files. */
  close: () => Promise<void>
  /** Removes every object (between tests). */
  empty: () => Promise<void>
  /** Every object key in the bucket, sorted. */
  keys: () => Promise<string[]>
  /** The CMS settings for this bucket: path-style, with `publicUrl` unless told otherwise. */
  settings: (options?: { publicUrl?: boolean }) => S3Settings
}

/** s3rver (see test-support) plus what the CMS tests need: settings and a look into the bucket. */
export const startTestS3 = async (): Promise<TestS3> => {
  const server = await startTestS3Server()
  const client = new S3Client({ credentials: server.credentials, endpoint: server.url, forcePathStyle: true, region: 'us-east-1' })
  const keys = async (): Promise<string[]> => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: server.bucket }))
    return (listed.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])).sort()
  }
  return {
    close: async () => {
      client.destroy()
      await server.close()
    },
    empty: async () => {
      for (const key of await keys()) await client.send(new DeleteObjectCommand({ Bucket: server.bucket, Key: key }))
    },
    keys,
    settings: ({ publicUrl = true } = {}) => ({
      ...server.credentials,
      bucket: server.bucket,
      endpoint: server.url,
      forcePathStyle: true,
      publicUrl: publicUrl ? server.publicUrl : undefined,
      region: 'us-east-1',
    }),
    start: server.start,
    stop: server.stop,
    url: server.url,
  }
}
