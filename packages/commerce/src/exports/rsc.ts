/**
 * The plugin's server-rendered admin components, referenced as `'@showroom/payload-commerce/rsc#<Name>'`
 * (no `'use client'`: they read the database while the admin page renders).
 */
export { StaffDashboard, type StaffDashboardProps } from '../dashboard/StaffDashboard'
export { AuditTrailView, type AuditTrailViewProps } from '../audit/AuditTrailView'
