'use client'

import { Button, toast, useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

/** Read the error the redeliver endpoint sends (`{ errors: [{ message }] }`), or fall back to the status. */
const messageOf = async (response: Response): Promise<string> => {
  const body: unknown = await response.json().catch(() => undefined)
  if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
    const [first] = body.errors as unknown[]
    if (first && typeof first === 'object' && 'message' in first && typeof first.message === 'string') return first.message
  }
  return `Redelivery failed (${response.status}).`
}

/**
 * On a webhook delivery in the admin: sends it again now (`POST …/:id/redeliver`, same webhook-id)
 * and reloads the record to show the new attempt; and, after a long outage, sends every delivery its
 * receiver was given up on again (`POST …/recover`).
 */
export const RedeliverButton = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const router = useRouter()
  const target = useFormFields(([fields]) => fields.target?.value)
  const [busy, setBusy] = useState(false)
  if (id === undefined || id === null) return null

  const recover = async () => {
    setBusy(true)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/${collectionSlug}/recover`, {
        body: JSON.stringify({ target }),
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      if (!response.ok) {
        toast.error(await messageOf(response))
        return
      }
      const { requeued } = (await response.json()) as { requeued: number }
      if (requeued === 0) toast.info('Nothing had failed for this receiver.')
      else toast.success(`${requeued} failed ${requeued === 1 ? 'delivery is' : 'deliveries are'} being sent again, oldest first.`)
      router.refresh()
    } catch (error) {
      toast.error(error instanceof Error ? error.message : 'Recovery failed.')
    } finally {
      setBusy(false)
    }
  }

  const redeliver = async () => {
    setBusy(true)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/redeliver`, {
        credentials: 'include',
        method: 'POST',
      })
      if (!response.ok) {
        toast.error(await messageOf(response))
        return
      }
      const { doc } = (await response.json()) as { doc: { status?: string } }
      if (doc.status === 'succeeded') toast.success('Delivered again.')
      else toast.warning(`Sent again; the delivery is now ${doc.status ?? 'queued'}.`)
      router.refresh()
    } catch (error) {
      toast.error(error instanceof Error ? error.message : 'Redelivery failed.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ marginBottom: 'var(--base)' }}>
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void redeliver()} size="small">
        {busy ? 'Sending…' : 'Redeliver now'}
      </Button>
      {typeof target === 'string' && (
        <Button buttonStyle="secondary" disabled={busy} onClick={() => void recover()} size="small">
          Resend all failed to this receiver
        </Button>
      )}
    </div>
  )
}
