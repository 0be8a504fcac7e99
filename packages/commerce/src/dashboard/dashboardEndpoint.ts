import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { isStaffUser } from '../access/roles'
import { readDashboard } from './readDashboard'

const refuse = (status: 401 | 403, message: string): Response =>
  Response.json({ errors: [{ message }] }, { headers: { 'Cache-Control': 'no-store' }, status })

/**
 * `GET /dashboard` → the staff dashboard's figures (`DashboardFigures`): sales, orders needing action,
 * low stock, recent orders, failing webhook deliveries. Staff only: 401 signed out, 403 for a customer.
 */
export const dashboardEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    if (!req.user) return refuse(401, 'Sign in as staff to see the dashboard.')
    if (!isStaffUser(config.roles, req.user)) return refuse(403, 'Only staff may see the dashboard.')
    return Response.json(await readDashboard(req.payload, config), { headers: { 'Cache-Control': 'private, no-store' } })
  },
  method: 'get',
  path: '/dashboard',
})
