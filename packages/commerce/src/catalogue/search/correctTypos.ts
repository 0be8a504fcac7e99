import { sql } from '@payloadcms/db-postgres'

import type { Sql } from '../../database'
import { plainWords } from './textQuery'

type Candidate = { distance: number; original: string; word: string }

/** How many edits a word of this length may be away from the one meant: 1 up to 4 letters, else 2. */
const allowedEdits = (word: string): number => (word.length <= 4 ? 1 : 2)

/**
 * The term with its misspelt words replaced by the nearest word of the catalogue, or undefined
 * when nothing needs or admits correcting. Candidates come from the trigram index over the
 * catalogue's words (nearest first), then the closest by edit distance within `allowedEdits` wins
 * ("shrit" → "shirt": trigram similarity alone rates that pair low, the edit distance is 2).
 */
export const correctTypos = async (db: Sql, q: string): Promise<string | undefined> => {
  const words = [...new Set(plainWords(q))]
  if (words.length === 0) return undefined
  const { rows } = await db.execute<Candidate>(sql`
    select w.original, c.word, levenshtein(c.word, w.original) as distance
    from unnest(${`{${words.map((word) => `"${word}"`).join(',')}}`}::varchar[]) as w(original)
    cross join lateral (
      select word from product_search_words order by word <-> w.original limit 8
    ) c
  `)
  const best = new Map<string, Candidate>()
  for (const row of rows) {
    if (row.distance === 0) best.set(row.original, row)
    const current = best.get(row.original)
    if (row.distance <= allowedEdits(row.original) && (!current || row.distance < current.distance)) best.set(row.original, row)
  }
  const replacements = [...best.values()].filter((candidate) => candidate.distance > 0)
  if (replacements.length === 0) return undefined
  let corrected = q
  for (const { original, word } of replacements) {
    corrected = corrected.replace(new RegExp(`(?<![\\p{L}\\p{N}])${original}(?![\\p{L}\\p{N}])`, 'giu'), word)
  }
  return corrected
}
