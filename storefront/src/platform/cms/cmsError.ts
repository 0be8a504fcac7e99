import { z } from 'astro/zod'

/** Why a CMS request failed; pages answer 503 for all of them, logs tell them apart. */
export type CmsErrorKind = 'invalid-response' | 'status' | 'timeout' | 'unreachable'

/** The CMS could not give a usable answer: down, slow, failing, or speaking an unexpected shape. */
export class CmsError extends Error {
  override readonly name = 'CmsError'
  readonly kind: CmsErrorKind
  /** The CMS's HTTP status, for `kind: 'status'`. */
  readonly status: number | undefined
  readonly url: string

  constructor(kind: CmsErrorKind, message: string, { cause, status, url }: { cause?: unknown; status?: number; url: string }) {
    super(message, { cause })
    this.kind = kind
    this.status = status
    this.url = url
  }
}

const errorAnswerSchema = z.object({ errors: z.array(z.object({ message: z.string() })).min(1) })

/** The messages of a CMS error answer (Payload's `{ errors: [{ message }] }`), in order; none for any other body. */
export const cmsErrorMessages = (body: unknown): string[] => {
  const parsed = errorAnswerSchema.safeParse(body)
  return parsed.success ? parsed.data.errors.map((error) => error.message) : []
}
