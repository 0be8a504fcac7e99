import { type Browser, launchBrowser } from '@showroom/test-support'

import { type Shop, type ShopOptions, startShop } from './harness'

/**
 * A shop and a browser for a Chromium suite, started side by side. When either fails to start, the
 * other is stopped before the error is thrown, so the suite's `afterAll` has nothing left behind.
 */
export const startShopInBrowser = async (name: string, options?: ShopOptions): Promise<{ browser: Browser; shop: Shop }> => {
  const [started, launched] = await Promise.allSettled([startShop(name, options), launchBrowser()])
  if (started.status === 'fulfilled' && launched.status === 'fulfilled') return { browser: launched.value, shop: started.value }
  await Promise.all([started.status === 'fulfilled' ? started.value.stop() : undefined, launched.status === 'fulfilled' ? launched.value.close() : undefined])
  throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason
}
