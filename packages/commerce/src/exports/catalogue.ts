/**
 * The catalogue read path for hosts that serve the REST API themselves (see docs/catalogue.md): the
 * listing tables for the Postgres adapter's schema, the answer served before Payload's request
 * handling, and what tests and benchmarks observe of it.
 */
export { catalogueSchema } from '../catalogue/listing/listingSchema'
export { type EarlyAnswer, earlyCatalogueResponse } from '../catalogue/earlyCatalogueResponse'
export { type CatalogueRuntime, catalogueRuntime } from '../catalogue/catalogueRuntime'
export { genericFind, SOURCE_HEADER } from '../catalogue/catalogueFindEndpoint'
export { SEARCH_SCHEMA_SQL } from '../catalogue/search/searchSchema'
export { refreshListing } from '../catalogue/listing/refreshListing'
export type { SearchResponse } from '../catalogue/search/searchEndpoint'
