import { describe, expect, it } from 'vitest'

import { CmsError } from '../cms/cmsError'
import { createLog } from './log'
import { withRequestContext } from './requestContext.server'

/** A logger whose lines are kept, parsed. */
const capture = () => {
  const lines: Array<Record<string, unknown>> = []
  const log = createLog({ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) })
  return { lines, log }
}

describe('log', () => {
  it('writes one JSON line per call: level, ISO time, msg, the request id in scope and the fields', () => {
    const { lines, log } = capture()
    withRequestContext('abc-123', '/p/[slug]', undefined, () => log.info('request', { route: '/p/[slug]', status: 200 }))
    log.warn('outside a request')
    expect(lines).toEqual([
      { level: 'info', msg: 'request', requestId: 'abc-123', route: '/p/[slug]', status: 200, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
      { level: 'warn', msg: 'outside a request', time: expect.any(String) },
    ])
  })

  it('spells out an error: its message, a CMS error’s kind, status and URL, and its cause', () => {
    const { lines, log } = capture()
    const error = new CmsError('status', 'CMS answered 502', { cause: new Error('bad gateway'), status: 502, url: 'http://cms/api/v1/products' })
    log.error('CMS failed', { err: error, path: '/c/home' })
    expect(lines[0]).toMatchObject({
      cause: 'bad gateway',
      cmsErrorKind: 'status',
      cmsStatus: 502,
      cmsUrl: 'http://cms/api/v1/products',
      error: 'CMS answered 502',
      errorName: 'CmsError',
      level: 'error',
      msg: 'CMS failed',
      path: '/c/home',
      stack: expect.stringContaining('CMS answered 502'),
    })
    expect(lines[0]).not.toHaveProperty('err')
  })
})
