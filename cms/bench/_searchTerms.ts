import { runSql } from '@showroom/test-support'

/**
 * Distinct search terms from the catalogue's own words: each word as typed, cut short (as while
 * typing) and with two letters swapped (a typo), so a benchmark's requests do not repeat.
 */
export const searchTerms = async (databaseUrl: string): Promise<string[]> => {
  const words = (await runSql<{ word: string }>(databaseUrl, 'select word from product_search_words where length(word) >= 4 order by word')).map((row) => row.word)
  return words.flatMap((word) => [word, word.slice(0, Math.max(2, word.length - 2)), `${word.slice(0, 1)}${word.slice(2, 3)}${word.slice(1, 2)}${word.slice(3)}`])
}
