import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../database'

/**
 * A search term split for as-you-type matching: the last word, when the shopper may still be typing
 * it (a plain word at the very end, outside quotes, not negated), also matches as a prefix.
 */
export type TextQuery = {
  /** What goes to `websearch_to_tsquery` as is (quotes, `-word`, `or`). */
  rest: string
  /** The last word, letters and digits only, also matched as a prefix. */
  prefix: string | undefined
  /** How the last word joins the rest: `or` when the rest ends with "or". */
  join: 'and' | 'or'
}

const LAST_WORD = /(^|\s)([\p{L}\p{N}]{2,40})$/u
const TRAILING_OR = /(^|\s)or\s*$/i

export const splitTextQuery = (q: string): TextQuery => {
  const quotes = q.split('"').length - 1
  const match = quotes % 2 === 0 ? LAST_WORD.exec(q) : null
  const word = match?.[2]
  if (!match || word === undefined || word.toLowerCase() === 'or') return { join: 'and', prefix: undefined, rest: q }
  const rest = q.slice(0, match.index + (match[1]?.length ?? 0))
  return TRAILING_OR.test(rest) ? { join: 'or', prefix: word, rest: rest.replace(TRAILING_OR, ' ') } : { join: 'and', prefix: word, rest }
}

/**
 * The tsquery for a term: Postgres's web-search syntax ("quoted phrase", -exclusion, or) over the
 * lexemes stemmed in the locale's language (`product_search_config`, as the documents were), with the last word also as a prefix over the unstemmed (`simple`) ones,
 * which the search document holds as well.
 */
export const textQuerySql = (q: string, locale: string): SQL => {
  const { join, prefix, rest } = splitTextQuery(q)
  const config = sql`product_search_config(${locale}::varchar)`
  const full = sql`websearch_to_tsquery(${config}, ${rest})`
  if (prefix === undefined) return full
  const last = sql`(websearch_to_tsquery(${config}, ${prefix}) || to_tsquery('simple', ${`${prefix.toLowerCase()}:*`}))`
  if (rest.trim() === '') return last
  return join === 'or' ? sql`(${full} || ${last})` : sql`(${full} && ${last})`
}

/** The plain words of a term (outside quotes, not excluded, not "or"), lower-cased: what a typo may be in. */
export const plainWords = (q: string): string[] =>
  q
    .replace(/"[^"]*("|$)/g, ' ')
    .split(/\s+/)
    .filter((word) => /^[\p{L}]{3,40}$/u.test(word) && word.toLowerCase() !== 'or')
    .map((word) => word.toLowerCase())
