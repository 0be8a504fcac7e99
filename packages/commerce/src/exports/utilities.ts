/** Pure helpers the plugin applies to documents, for hosts that prepare documents themselves (seeds, imports). */
export { slugify } from '../hooks/slugify'
export { findVariantErrors } from '../collections/products/validateVariants'
export { forEachWithConcurrency } from '../csv/forEachWithConcurrency'
export { type CatalogueLocales, catalogueLocales, localeQueryProblem, localesOf } from '../localization/catalogueLocales'
