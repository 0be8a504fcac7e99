'use client'

import { Button, toast, useConfig, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'

import { postAsAdmin } from '../../adminClient/postAsAdmin'
import { useAdminAction } from '../../adminClient/useAdminAction'

const DAY_MS = 24 * 60 * 60 * 1000
const FAILED = 'The payment due time could not be changed'
const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * On a pending order in the admin: when its payment is due (after that the sweeper cancels it and
 * releases its stock), and buttons that give the customer more days (`POST /orders/:id/payment-due`),
 * so editors, who cannot edit the order itself, can extend the hold too.
 */
export const PaymentDueControl = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const status = useFormFields(([fields]) => fields.status?.value)
  // The form's copy too, so the field below shows the new time and an admin's later save keeps it.
  const { setValue: setDueAt, value: dueAt } = useField<string>({ path: 'payment.dueAt' })
  const { busy, run } = useAdminAction(FAILED)
  if (id === undefined || id === null || status !== 'pending') return null
  const due = typeof dueAt === 'string' ? new Date(dueAt) : undefined

  const extend = (days: number) =>
    run(async () => {
      // From the current due time, or from now when it has already passed.
      const from = Math.max(due?.getTime() ?? 0, Date.now())
      const { order } = await postAsAdmin<{ order: { payment?: { dueAt?: string } } }>(
        `${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/payment-due`,
        { dueAt: new Date(from + days * DAY_MS).toISOString() },
        FAILED,
      )
      const saved = order.payment?.dueAt ?? ''
      // Saved already: the form is not left "modified" by it.
      setDueAt(saved, true)
      toast.success(`Payment now due ${format.format(new Date(saved))}.`)
    })

  return (
    <div style={{ marginBottom: 'var(--base)' }}>
      <p>
        {due ? `Payment due ${format.format(due)}` : 'No payment due time'}: if unpaid by then, the order is cancelled and its stock released.
      </p>
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void extend(1)} size="small">
        Give 1 more day
      </Button>
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void extend(3)} size="small">
        Give 3 more days
      </Button>
    </div>
  )
}
