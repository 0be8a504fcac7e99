import { AsyncLocalStorage } from 'node:async_hooks'

/** What code deep inside a request needs to know about it, or tell about it. */
export type RequestContext = {
  /**
   * The language the page is served in (the middleware sets it from the address, `/de/…`); the CMS
   * client reads the catalogue in it. Empty: the shop's default.
   */
  locale: string
  /** The shopper's address (`platform/http/clientAddress.ts`); `undefined` when the adapter gave none. */
  readonly clientAddress: string | undefined
  readonly requestId: string
  /** The route pattern (`/p/[slug]`), for metric labels. */
  readonly route: string
  /** Set when the session store (Redis) failed during this request: its error page becomes a 503. */
  sessionUnavailable: boolean
}

/**
 * The request being served, reachable from any code it calls (the CMS client, the logger, the session
 * driver) without threading it through every function: `src/fetch.ts` runs each request inside
 * `withRequestContext`.
 */
const storage = new AsyncLocalStorage<RequestContext>()

/** Runs `work` as part of the request `requestId` of `route`, sent by `clientAddress`. */
export const withRequestContext = <T>(requestId: string, route: string, clientAddress: string | undefined, work: () => T): T =>
  storage.run({ clientAddress, locale: '', requestId, route, sessionUnavailable: false }, work)

/** The request being served, or `undefined` outside one (start-up, background timers). */
export const currentRequest = (): RequestContext | undefined => storage.getStore()

/** The id of the request being served, or `undefined` outside one. */
export const currentRequestId = (): string | undefined => storage.getStore()?.requestId
