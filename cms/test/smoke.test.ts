import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms('smoke')
})
afterAll(async () => cms?.close())

it('serves the REST API under /api/v1', async () => {
  const response = await cms.api('/products')
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ docs: [], totalDocs: 0 })
})
