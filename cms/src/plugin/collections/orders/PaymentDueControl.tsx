'use client'

import { Button, toast, useConfig, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

const DAY_MS = 24 * 60 * 60 * 1000
const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** Read the error the endpoint sends (`{ errors: [{ message }] }`), or fall back to the status. */
const messageOf = async (response: Response): Promise<string> => {
  const body: unknown = await response.json().catch(() => undefined)
  if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
    const [first] = body.errors as unknown[]
    if (first && typeof first === 'object' && 'message' in first && typeof first.message === 'string') return first.message
  }
  return `The due time could not be changed (${response.status}).`
}

/**
 * On a pending order in the admin: when its payment is due (after that the sweeper cancels it and
 * releases its stock), and buttons that give the customer more days (`POST /orders/:id/payment-due`),
 * so editors, who cannot edit the order itself, can extend the hold too.
 */
export const PaymentDueControl = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const router = useRouter()
  const status = useFormFields(([fields]) => fields.status?.value)
  // The form's copy too, so the field below shows the new time and an admin's later save keeps it.
  const { setValue: setDueAt, value: dueAt } = useField<string>({ path: 'payment.dueAt' })
  const [busy, setBusy] = useState(false)
  if (id === undefined || id === null || status !== 'pending') return null
  const due = typeof dueAt === 'string' ? new Date(dueAt) : undefined

  const extend = async (days: number) => {
    setBusy(true)
    try {
      // From the current due time, or from now when it has already passed.
      const from = Math.max(due?.getTime() ?? 0, Date.now())
      const response = await fetch(`${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/payment-due`, {
        body: JSON.stringify({ dueAt: new Date(from + days * DAY_MS).toISOString() }),
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      if (!response.ok) {
        toast.error(await messageOf(response))
        return
      }
      const { order } = (await response.json()) as { order: { payment?: { dueAt?: string } } }
      const saved = order.payment?.dueAt ?? ''
      // Saved already: the form is not left "modified" by it.
      setDueAt(saved, true)
      toast.success(`Payment now due ${format.format(new Date(saved))}.`)
      router.refresh()
    } catch (error) {
      toast.error(error instanceof Error ? error.message : 'The due time could not be changed.')
    } finally {
      setBusy(false)
    }
  }

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
