import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { isStaffUser } from '../access/roles'
import { csvLines } from './writeCsv'

/** Documents read per page of an export: 10,000 rows never sit in memory at once. */
export const EXPORT_PAGE_SIZE = 500

const problem = (message: string, status: number) => Response.json({ errors: [{ message }] }, { status })

/** Staff only: the answer to send to anyone else, or undefined. */
export const refuseNonStaff = (config: SanitizedCommercePluginConfig, req: PayloadRequest, what: string): Response | undefined => {
  if (!req.user) return problem(`Sign in as staff to export ${what}.`, 401)
  if (!isStaffUser(config.roles, req.user)) return problem(`Only staff can export ${what}.`, 403)
  return undefined
}

/**
 * A CSV download streamed page by page: the header line, then the rows of each page `pages` yields,
 * read only when the client is ready for more.
 */
export const csvDownload = (filename: string, header: readonly string[], pages: AsyncGenerator<string[][]>): Response => {
  const encoder = new TextEncoder()
  let started = false
  const stream = new ReadableStream<Uint8Array>({
    cancel: async () => {
      await pages.return(undefined)
    },
    pull: async (controller) => {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode(csvLines([[...header]])))
        return
      }
      const next = await pages.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(csvLines(next.value)))
    },
  })
  return new Response(stream, {
    headers: {
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Content-Type': 'text/csv; charset=utf-8',
    },
    status: 200,
  })
}

/** Pages of a Payload find, as the user (their access rules apply), in id order. */
export async function* findPages<T>(find: (page: number) => Promise<{ docs: T[]; hasNextPage: boolean }>): AsyncGenerator<T[]> {
  for (let page = 1; ; page += 1) {
    const result = await find(page)
    yield result.docs
    if (!result.hasNextPage) return
  }
}
