/**
 * The webhook event contract belongs to the commerce plugin (`@showroom/payload-commerce/webhooks`);
 * re-exported here so the storefront keeps importing every CMS type from one place.
 */
export * from '@showroom/payload-commerce/webhooks'
