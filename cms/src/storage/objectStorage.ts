import type { Plugin } from 'payload'

import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'

import type { S3Settings } from '../env'

/** The S3 client settings for `settings`: static keys, and path-style URLs when the server needs them. */
export const s3ClientConfig = (settings: S3Settings): S3ClientConfig => ({
  credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  endpoint: settings.endpoint,
  forcePathStyle: settings.forcePathStyle,
  region: settings.region,
})

/** A client of its own for the readiness check, so a probe never waits behind uploads. */
export const createS3Client = (settings: S3Settings): S3Client => new S3Client(s3ClientConfig(settings))

/** `<public URL>/<key>`, encoding the file name as S3 stores it. */
const publicObjectUrl = (publicUrl: string, filename: string, prefix?: string): string =>
  [publicUrl, ...(prefix ? prefix.split('/').filter(Boolean).map(encodeURIComponent) : []), encodeURIComponent(filename)].join('/')

/**
 * Media on S3 (or any S3-compatible server) through Payload's S3 adapter, when `settings` is given;
 * otherwise the plugin is installed disabled. It is always installed with `alwaysInsertFields`, so
 * the media table has the adapter's columns (`prefix`, `_objectKey`) in both modes and one set of
 * migrations serves both. Enabled, Payload writes nothing to local disk: the original and every
 * image size are uploaded, and deleted with the document. With `publicUrl`, every URL Payload
 * answers (the document's and each size's) points at the public bucket; without it, the CMS serves
 * the files from the bucket at its usual `/api/v1/media/file/<name>`.
 */
export const objectStorage = (mediaSlug: string, settings: null | S3Settings): Plugin => {
  const publicUrl = settings?.publicUrl
  return s3Storage({
    alwaysInsertFields: true,
    bucket: settings?.bucket ?? 'unused',
    collections: {
      [mediaSlug]: publicUrl
        ? {
            // Media are public (read: anyone), so browsers may fetch them from the bucket directly.
            disablePayloadAccessControl: true,
            generateFileURL: ({ filename, prefix }: { filename: string; prefix?: string }) => publicObjectUrl(publicUrl, filename, prefix),
          }
        : true,
    },
    config: settings ? s3ClientConfig(settings) : {},
    disableLocalStorage: true,
    enabled: settings !== null,
  })
}
