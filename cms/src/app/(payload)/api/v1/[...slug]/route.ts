import config from '@payload-config'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { readEnv } from '../../../../../env'
import { createRestHandler } from '../../../../../http/restHandler'
import { guardedRoute } from '../../../../../security/guardedRoute'

// The same request rules and response headers as the API server (`http/restHandler.ts`).
const rest = createRestHandler({ config, production: readEnv().NODE_ENV === 'production' })
type PayloadRoute = ReturnType<typeof REST_GET>
const guarded =
  (route: PayloadRoute): PayloadRoute =>
  (request, args) =>
    rest(request, { forward: (checked) => route(checked, args) })

export const GET = guarded(REST_GET(config))
// Sign-in, sign-up, password resets and orders are POSTs: rate limits and the login lockout (docs/security.md).
export const POST = guarded(guardedRoute(REST_POST(config)))
export const DELETE = guarded(REST_DELETE(config))
export const PATCH = guarded(REST_PATCH(config))
export const PUT = guarded(REST_PUT(config))
export const OPTIONS = guarded(REST_OPTIONS(config))
