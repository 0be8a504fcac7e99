import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { catalogueLocales, localeQueryProblem } from './catalogueLocales'

/**
 * A REST request for a locale the shop does not have is a 400 naming the locales: Payload would read
 * the default locale instead, silently, on its own routes (`GET /products/:id?locale=fr`).
 */
export const rejectUnknownLocale: CollectionBeforeOperationHook = ({ args, req }) => {
  if (!req.searchParams) return args
  const message = localeQueryProblem(catalogueLocales(req.payload), req.searchParams)
  if (message !== null) throw new APIError(message, 400, null, true)
  return args
}
