import type { CustomComponent } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { DashboardConfig } from './readDashboard'

/** The admin home's dashboard, given the plain part of the config it reads as a server prop. */
export const staffDashboardComponent = (config: SanitizedCommercePluginConfig): CustomComponent => {
  const commerce: DashboardConfig = { dashboard: config.dashboard, roles: config.roles, slugs: config.slugs }
  return { path: '@showroom/payload-commerce/rsc#StaffDashboard', serverProps: { commerce } }
}
