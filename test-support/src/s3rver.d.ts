// s3rver 3.7 ships no types; this is the part the tests use.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net'

  type S3rverOptions = {
    address?: string
    configureBuckets?: Array<{ configs?: string[]; name: string }>
    directory?: string
    port?: number
    resetOnClose?: boolean
    silent?: boolean
  }

  export default class S3rver {
    constructor(options: S3rverOptions)
    close(): Promise<void>
    run(): Promise<AddressInfo>
  }
}
