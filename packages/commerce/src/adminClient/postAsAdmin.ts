/** The error an endpoint sends (`{ errors: [{ message }] }`), or `fallback` with the status. */
const messageOf = async (response: Response, fallback: string): Promise<string> => {
  const body: unknown = await response.json().catch(() => undefined)
  if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
    const [first] = body.errors as unknown[]
    if (first && typeof first === 'object' && 'message' in first && typeof first.message === 'string') return first.message
  }
  return `${fallback} (${response.status}).`
}

/**
 * POSTs to one of the plugin's endpoints from an admin component, as the signed-in user (the admin's
 * cookie), with an optional JSON body and extra headers (an `Idempotency-Key`). Resolves with the JSON answer; throws an `Error` with the
 * endpoint's own message (or `fallback`) when it refuses.
 */
export const postAsAdmin = async <T>(url: string, body: unknown, fallback: string, headers: Record<string, string> = {}): Promise<T> => {
  const response = await fetch(url, {
    ...(body !== undefined && { body: JSON.stringify(body) }),
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    credentials: 'include',
    method: 'POST',
  })
  if (!response.ok) throw new Error(await messageOf(response, fallback))
  return (await response.json()) as T
}
