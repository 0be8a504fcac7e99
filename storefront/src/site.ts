/** Who the shop is. One place, so the layout, metadata and price formatting agree. */
export const site = {
  description: 'Showroom: new arrivals from our catalogue, delivered to your door.',
  /** BCP 47: the `lang` of every page and the locale prices are formatted in. */
  locale: 'en-GB',
  name: 'Showroom',
} as const
