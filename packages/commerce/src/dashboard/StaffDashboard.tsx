import type { Payload } from 'payload'

import type { DashboardConfig, DashboardFigures, PeriodSales } from './readDashboard'

import { isStaffUser } from '../access/roles'
import { readDashboard } from './readDashboard'

export type StaffDashboardProps = { commerce: DashboardConfig; payload: Payload; user?: unknown }

const formatters = new Map<string, Intl.NumberFormat>()
/** Minor units as money; one formatter per currency, made once (a formatter per value is slow). */
const money = (amount: number, currency: string): string => {
  let format = formatters.get(currency)
  if (!format) {
    format = new Intl.NumberFormat('en', { currency, style: 'currency' })
    formatters.set(currency, format)
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(amount / 10 ** digits)
}
const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })

const card = { border: '1px solid var(--theme-elevation-150)', borderRadius: 4, padding: '0.75rem 1rem' } as const

/** "EUR 12 orders €340.00 (yesterday by now: 9 orders €250.00)" per currency sold in either period. */
const SalesCard = ({ label, previous, previousLabel, sales, testId }: { label: string; previous: PeriodSales; previousLabel: string; sales: PeriodSales; testId: string }) => {
  const currencies = [...new Set([...sales.totals, ...previous.totals].map((total) => total.currency))].sort()
  return (
    <section aria-label={label} data-testid={testId} style={card}>
      <h3 style={{ margin: 0 }}>{label}</h3>
      {currencies.length === 0 ? <p>No sales.</p> : null}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {currencies.map((currency) => {
          const now = sales.totals.find((total) => total.currency === currency) ?? { orders: 0, revenue: 0 }
          const before = previous.totals.find((total) => total.currency === currency) ?? { orders: 0, revenue: 0 }
          return (
            <li key={currency}>
              <strong>{money(now.revenue, currency)}</strong> from {now.orders} {now.orders === 1 ? 'order' : 'orders'}{' '}
              <small>
                ({previousLabel}: {money(before.revenue, currency)}, {before.orders})
              </small>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/**
 * The staff dashboard above the admin home's collections (`admin.components.beforeDashboard`), rendered
 * on the server from the same figures as `GET /dashboard`. Shown to staff only.
 */
export const StaffDashboard = async ({ commerce, payload, user }: StaffDashboardProps) => {
  if (!isStaffUser(commerce.roles, user)) return null
  const figures: DashboardFigures = await readDashboard(payload, commerce)
  const admin = payload.config.routes.admin
  const orders = `${admin}/collections/${commerce.slugs.orders}`
  const products = `${admin}/collections/${commerce.slugs.products}`
  const statusLink = (status: string) => `${orders}?where[status][equals]=${status}`
  const { failingWebhooks, lowStock, needsAction, recentOrders, sales } = figures
  return (
    <div aria-label="Shop dashboard" role="region" style={{ display: 'grid', gap: '1rem', marginBottom: '2rem' }}>
      <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))' }}>
        <SalesCard label="Sales today" previous={sales.previousDay} previousLabel="yesterday by this time" sales={sales.today} testId="sales-today" />
        <SalesCard label="Sales, last 7 days" previous={sales.previous7Days} previousLabel="7 days before" sales={sales.last7Days} testId="sales-7-days" />
        <section aria-label="Orders needing action" style={card}>
          <h3 style={{ margin: 0 }}>Orders needing action</h3>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            <li><a href={statusLink('pending')}>Awaiting payment: {needsAction.awaitingPayment}</a></li>
            <li><a href={statusLink('paid')}>To fulfil: {needsAction.toFulfil}</a></li>
            <li><a href={statusLink('fulfilled')}>To ship: {needsAction.toShip}</a></li>
            {needsAction.needsAttention > 0 ? <li><a href={`${orders}?where[needsAttention][equals]=true`}>Flagged by checkout: {needsAction.needsAttention}</a></li> : null}
          </ul>
        </section>
        <section aria-label="Failing webhooks" style={card}>
          <h3 style={{ margin: 0 }}>Webhook deliveries failing</h3>
          <p style={{ margin: 0 }}>
            <a href={`${admin}/collections/${commerce.slugs.webhookDeliveries}?where[status][in]=failed,retrying`}>
              Given up: {failingWebhooks.failed} · Retrying: {failingWebhooks.retrying}
            </a>
          </p>
        </section>
      </div>
      <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(24rem, 1fr))' }}>
        <section aria-label="Recent orders" style={card}>
          <h3 style={{ margin: 0 }}>Recent orders</h3>
          <table style={{ width: '100%' }}>
            <tbody>
              {recentOrders.map((order) => (
                <tr key={order.id}>
                  <td><a href={`${orders}/${order.id}`}>{order.orderNumber ?? `#${order.id}`}</a></td>
                  <td>{order.email}</td>
                  <td>{order.status}</td>
                  <td style={{ textAlign: 'right' }}>{money(order.total, order.currency)}</td>
                  <td>{dateTime.format(new Date(order.createdAt))} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
          {recentOrders.length === 0 ? <p>No orders yet.</p> : null}
        </section>
        <section aria-label="Low stock" style={card}>
          <h3 style={{ margin: 0 }}>Low stock ({lowStock.total})</h3>
          <table style={{ width: '100%' }}>
            <tbody>
              {lowStock.items.map((item) => (
                <tr key={`${item.product}-${item.variant ?? ''}`}>
                  <td><a href={`${products}/${item.product}`}>{item.title}</a></td>
                  <td>{item.sku}</td>
                  <td style={{ textAlign: 'right' }}>{item.stock} left</td>
                  <td><small>(alert at {item.threshold})</small></td>
                </tr>
              ))}
            </tbody>
          </table>
          {lowStock.total === 0 ? <p>Nothing is running low.</p> : null}
        </section>
      </div>
    </div>
  )
}
