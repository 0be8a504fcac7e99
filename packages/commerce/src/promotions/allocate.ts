/**
 * Splits `amount` (minor units) over `weights` in proportion, in whole units that sum exactly to it:
 * each part is rounded down, then the units left over go one each to the parts with the largest
 * remainders, the earlier part first on a tie (the largest remainder method). Weights are ≥ 0 and
 * `amount` is at most their sum, so no part exceeds its weight. Exact for any safe integers (BigInt).
 */
export const allocate = (amount: number, weights: readonly number[]): number[] => {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  if (amount === 0 || total === 0) return weights.map(() => 0)
  const [big, bigTotal] = [BigInt(amount), BigInt(total)]
  const shares = weights.map((weight, index) => {
    const exact = big * BigInt(weight)
    return { index, part: exact / bigTotal, remainder: exact % bigTotal }
  })
  let left = amount - shares.reduce((sum, share) => sum + Number(share.part), 0)
  const parts = shares.map((share) => Number(share.part))
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (const share of byRemainder) {
    if (left === 0) break
    parts[share.index] = (parts[share.index] ?? 0) + 1
    left -= 1
  }
  return parts
}
