import type { CollectionConfig, CollectionSlug } from 'payload'

/** The roles a user may hold. `admin` and `editor` are staff; `customer` shops on the storefront. */
export const ROLES = ['admin', 'editor', 'customer'] as const
export type Role = (typeof ROLES)[number]

/** Lets the host adjust a collection the plugin builds, without forking the plugin. */
export type CollectionOverride = (args: { defaultCollection: CollectionConfig }) => CollectionConfig

export type CommerceSlugs = {
  categories: CollectionSlug
  media: CollectionSlug
  orders: CollectionSlug
  products: CollectionSlug
  users: CollectionSlug
}

export type CommercePluginOptions = {
  /**
   * Currencies editors may price products in (ISO 4217, upper case). The first one is the default.
   * @default ['EUR']
   */
  currencies?: string[]
  /**
   * Keeps the collections (so the schema and migrations stay stable) but turns the plugin's
   * behaviour off: no custom endpoints. Access rules and data-integrity hooks stay on.
   * @default false
   */
  disabled?: boolean
  /**
   * Folder where uploaded media is written when no storage adapter is configured.
   * @default 'media' (relative to the process working directory)
   */
  mediaDir?: string
  /**
   * The largest page a public (non-staff) list request may ask for.
   * @default 100
   */
  maxPublicPageSize?: number
  /** Per-collection overrides, applied after the plugin builds each collection. */
  overrides?: Partial<Record<keyof CommerceSlugs, CollectionOverride>>
  /**
   * Marks session cookies `Secure` (sent over HTTPS only). Turn off only for plain-HTTP development.
   * @default true
   */
  secureCookies?: boolean
  /**
   * Collection slugs. Change them only when they clash with the host's own collections.
   * @default { products: 'products', categories: 'categories', orders: 'orders', users: 'users', media: 'media' }
   */
  slugs?: Partial<CommerceSlugs>
}

export type SanitizedCommercePluginConfig = {
  currencies: [string, ...string[]]
  defaultCurrency: string
  disabled: boolean
  maxPublicPageSize: number
  mediaDir: string
  overrides: Partial<Record<keyof CommerceSlugs, CollectionOverride>>
  secureCookies: boolean
  slugs: CommerceSlugs
}
