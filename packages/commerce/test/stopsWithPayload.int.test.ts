import { describe, expect, it } from 'vitest'

import { startMinimalHost } from './minimalHost'

describe('the plugin’s periodic work (unpaid-order sweeper, payment reconciler, webhook poller)', () => {
  it('stops with payload.destroy(): nothing queries the closed database afterwards', async () => {
    const every = 20
    const host = await startMinimalHost('stops_with_payload', {
      checkout: { reconcileIntervalMs: every },
      unpaidOrders: { sweepIntervalMs: every },
      webhooks: { pollIntervalMs: every },
    })
    const { payload } = host
    // Each task logs its failure at error level; after destroy, a task still running would fail on
    // the closed pool ("Cannot read properties of undefined (reading 'execute')").
    const failures: unknown[] = []
    const error = payload.logger.error.bind(payload.logger)
    payload.logger.error = ((...args: Parameters<typeof error>) => {
      failures.push(args[0])
      return error(...args)
    }) as typeof payload.logger.error
    // Let every task run a few times against the live database first.
    await new Promise((resolve) => setTimeout(resolve, every * 10))
    expect(failures).toEqual([])
    await host.close()
    await new Promise((resolve) => setTimeout(resolve, every * 10))
    expect(failures).toEqual([])
  })
})
