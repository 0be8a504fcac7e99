'use client'

import { Button, toast, useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'

import { postAsAdmin } from '../../adminClient/postAsAdmin'
import { useAdminAction } from '../../adminClient/useAdminAction'

/**
 * On a webhook delivery in the admin: sends it again now (`POST …/:id/redeliver`, same webhook-id)
 * and reloads the record to show the new attempt; and, after a long outage, sends every delivery its
 * receiver was given up on again (`POST …/recover`).
 */
export const RedeliverButton = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const target = useFormFields(([fields]) => fields.target?.value)
  const { busy, run } = useAdminAction('Redelivery failed.')
  if (id === undefined || id === null) return null
  const base = `${config.serverURL}${config.routes.api}/${collectionSlug}`

  const recover = () =>
    run(async () => {
      const { requeued } = await postAsAdmin<{ requeued: number }>(`${base}/recover`, { target }, 'Recovery failed')
      if (requeued === 0) toast.info('Nothing had failed for this receiver.')
      else toast.success(`${requeued} failed ${requeued === 1 ? 'delivery is' : 'deliveries are'} being sent again, oldest first.`)
    })

  const redeliver = () =>
    run(async () => {
      const { doc } = await postAsAdmin<{ doc: { status?: string } }>(`${base}/${id}/redeliver`, undefined, 'Redelivery failed')
      if (doc.status === 'succeeded') toast.success('Delivered again.')
      else toast.warning(`Sent again; the delivery is now ${doc.status ?? 'queued'}.`)
    })

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
