'use client'

import { Button, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import { postAsAdmin } from '../adminClient/postAsAdmin'
import { useAdminAction } from '../adminClient/useAdminAction'
import { lineRefund, type PaidLine } from './lineRefund'

type Line = PaidLine & { id: string; sku: string; title: string }
type Refund = { amount: number; at: string; id: string; lines?: Array<{ item: string; quantity: number; restock: boolean; sku: string }>; reason?: null | string; wholeOrder?: boolean }
type ReturnRequest = { id: string; lines?: Array<{ item: string; quantity: number; sku: string }>; reason: string; requestedAt: string; status: string }
type Order = {
  currency: string
  items: Line[]
  payment?: { status?: null | string }
  pricesIncludeTax?: boolean | null
  refundedTotal?: null | number
  refunds?: Refund[]
  returnRequests?: ReturnRequest[]
  status: string
  total: number
}

const FAILED = 'The refund failed'
/** A new Idempotency-Key (`getRandomValues` works on plain-http admin origins too, unlike `randomUUID`). */
const newKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const cell = { borderBottom: '1px solid var(--theme-elevation-150)', padding: '4px 8px', textAlign: 'start' as const }

/**
 * On an order in the admin: refund chosen lines (each back in stock or not) or an amount through the
 * order's payment provider (`POST /orders/:id/refunds`, with an Idempotency-Key so a double click
 * refunds once), settle customers' return requests (`POST /orders/:id/returns/:returnId`), and the
 * refund history. The rules are the CMS's; this form only shows what it answers.
 */
export const RefundControl = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const [order, setOrder] = useState<Order>()
  const [quantities, setQuantities] = useState<Record<string, string>>({})
  const [restock, setRestock] = useState<Record<string, boolean>>({})
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [key, setKey] = useState(newKey)
  const { busy, run } = useAdminAction(FAILED)
  const base = `${config.serverURL}${config.routes.api}/${collectionSlug}/${id}`

  const load = useCallback(async () => {
    const response = await fetch(`${base}?depth=0`, { credentials: 'include' })
    if (response.ok) setOrder((await response.json()) as Order)
  }, [base])
  useEffect(() => {
    if (id !== undefined && id !== null) void load()
  }, [id, load])
  if (!order) return null

  const money = new Intl.NumberFormat(undefined, { currency: order.currency, style: 'currency' })
  const show = (minor: number) => money.format(minor / 100)
  const refundedOf = (item: string) =>
    (order.refunds ?? []).flatMap((refund) => refund.lines ?? []).filter((line) => line.item === item).reduce((sum, line) => sum + line.quantity, 0)
  const chosen = order.items.flatMap((line) => {
    const quantity = Number(quantities[line.id] ?? 0)
    return Number.isInteger(quantity) && quantity > 0 ? [{ item: line.id, line, quantity, restock: restock[line.id] === true }] : []
  })
  // What the shopper paid for those units (after discounts, with tax), as the CMS computes the refund.
  const linesAmount = chosen.reduce((sum, choice) => sum + lineRefund(order, choice.line, refundedOf(choice.item), choice.quantity), 0)
  const refundable = ['paid', 'partially_refunded'].includes(order.payment?.status ?? '') && ['paid', 'fulfilled', 'shipped', 'delivered'].includes(order.status)
  const open = (order.returnRequests ?? []).filter((request) => request.status === 'requested')
  // Nothing to show on an order that was never paid and has no refunds or returns.
  if (!refundable && (order.refunds ?? []).length === 0 && (order.returnRequests ?? []).length === 0) return null

  const refund = () =>
    run(async () => {
      const typed = amount.trim() === '' ? undefined : Math.round(Number(amount) * 100)
      const body = { ...(typed !== undefined && { amount: typed }), lines: chosen.map(({ item, quantity, restock: back }) => ({ item, quantity, restock: back })), ...(reason.trim() && { reason: reason.trim() }) }
      const { refund: made } = await postAsAdmin<{ refund: Refund }>(`${base}/refunds`, body, FAILED, { 'Idempotency-Key': key })
      toast.success(`Refunded ${show(made.amount)}.`)
      setQuantities({})
      setRestock({})
      setAmount('')
      setReason('')
      setKey(newKey())
      await load()
    })

  const decide = (request: ReturnRequest, decision: 'accept' | 'reject') =>
    run(async () => {
      await postAsAdmin(`${base}/returns/${request.id}`, { decision }, 'The return could not be settled')
      toast.success(decision === 'accept' ? 'Return accepted: refunded and back in stock.' : 'Return rejected.')
      await load()
    })

  return (
    <section aria-label="Refunds and returns" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <h3>Refunds and returns</h3>
      <p data-refunded-total>
        Refunded {show(order.refundedTotal ?? 0)} of {show(order.total)}.
      </p>
      {open.map((request) => (
        <div data-return-request={request.id} key={request.id} style={{ border: '1px solid var(--theme-elevation-150)', marginBottom: 'var(--base)', padding: 'var(--base)' }}>
          <p>
            Return requested {when.format(new Date(request.requestedAt))}: {(request.lines ?? []).map((line) => `${line.quantity} × ${line.sku}`).join(', ')} — “{request.reason}”
          </p>
          <Button buttonStyle="primary" disabled={busy || !refundable} onClick={() => void decide(request, 'accept')} size="small">
            Accept return and refund
          </Button>
          <Button buttonStyle="secondary" disabled={busy} onClick={() => void decide(request, 'reject')} size="small">
            Reject return
          </Button>
        </div>
      ))}
      {refundable && (
        <fieldset style={{ border: '1px solid var(--theme-elevation-150)', padding: 'var(--base)' }}>
          <legend>Refund</legend>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <th style={cell}>Item</th>
                <th style={cell}>Bought</th>
                <th style={cell}>Refunded</th>
                <th style={cell}>Refund now</th>
                <th style={cell}>Back in stock</th>
              </tr>
            </thead>
            <tbody>
              {order.items.map((line) => {
                const left = line.quantity - refundedOf(line.id)
                return (
                  <tr key={line.id}>
                    <td style={cell}>
                      {line.title} [{line.sku}] · {show(line.unitPrice)}
                    </td>
                    <td style={cell}>{line.quantity}</td>
                    <td style={cell}>{line.quantity - left}</td>
                    <td style={cell}>
                      <input
                        aria-label={`Quantity of ${line.sku} to refund`}
                        disabled={left === 0}
                        max={left}
                        min={0}
                        onChange={(event) => setQuantities({ ...quantities, [line.id]: event.target.value })}
                        type="number"
                        value={quantities[line.id] ?? ''}
                      />
                    </td>
                    <td style={cell}>
                      <input
                        aria-label={`${line.sku} came back: restock it`}
                        checked={restock[line.id] === true}
                        disabled={left === 0}
                        onChange={(event) => setRestock({ ...restock, [line.id]: event.target.checked })}
                        type="checkbox"
                      />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <p>
            <label>
              Amount ({order.currency}){' '}
              <input inputMode="decimal" onChange={(event) => setAmount(event.target.value)} placeholder={linesAmount > 0 ? (linesAmount / 100).toFixed(2) : 'e.g. 5.00'} value={amount} />
            </label>{' '}
            Empty: what was paid for the chosen units (after discounts, with tax). At most {show(order.total - (order.refundedTotal ?? 0))}.
          </p>
          <p>
            <label>
              Reason (the customer sees it){' '}
              <input maxLength={500} onChange={(event) => setReason(event.target.value)} value={reason} />
            </label>
          </p>
          <Button buttonStyle="primary" disabled={busy || (chosen.length === 0 && amount.trim() === '')} onClick={() => void refund()} size="small">
            {busy ? 'Refunding…' : 'Refund'}
          </Button>
        </fieldset>
      )}
      {(order.refunds ?? []).length > 0 && (
        <ol data-refund-history>
          {(order.refunds ?? []).map((entry) => (
            <li key={entry.id}>
              {when.format(new Date(entry.at))}: {show(entry.amount)}
              {entry.wholeOrder ? ' (whole order)' : ''}
              {(entry.lines ?? []).length > 0 && ` — ${(entry.lines ?? []).map((line) => `${line.quantity} × ${line.sku}${line.restock ? ' (restocked)' : ''}`).join(', ')}`}
              {entry.reason ? ` — ${entry.reason}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
