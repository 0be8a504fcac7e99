import config from '@payload-config'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { readEnv } from '../../../../../env'
import { createRestHandler } from '../../../../../http/restHandler'
import { guardedRoute } from '../../../../../security/guardedRoute'

// The same request rules and response headers as the API server (`http/restHandler.ts`).
const rest = createRestHandler({ config, production: readEnv().NODE_ENV === 'production' })
type PayloadRoute = ReturnType<typeof REST_GET>
/** Payload's Next route with the request rules and response headers of `createRestHandler` around it. */
const withRequestRules =
  (route: PayloadRoute): PayloadRoute =>
  (request, args) =>
    rest(request, { forward: (checked) => route(checked, args) })

export const GET = withRequestRules(REST_GET(config))
// Sign-in, sign-up, password resets and orders are POSTs: rate limits and the login lockout (docs/security.md).
export const POST = withRequestRules(guardedRoute(REST_POST(config)))
export const DELETE = withRequestRules(REST_DELETE(config))
export const PATCH = withRequestRules(REST_PATCH(config))
export const PUT = withRequestRules(REST_PUT(config))
export const OPTIONS = withRequestRules(REST_OPTIONS(config))
