/**
 * Orders a test run's files with the end-to-end ones (`*.e2e.test.ts`: a whole `pnpm dev`, or Next
 * compiling the admin, minutes each) first, the rest as vitest ordered them. Started last, the longest
 * file would run alone at the end while the other worker idles; started first, the short files fill
 * the other worker around it. Used by both apps' vitest sequencers.
 */
export const e2eFirst = <T extends { moduleId: string }>(files: T[]): T[] => {
  const isE2e = (file: T): boolean => file.moduleId.endsWith('.e2e.test.ts')
  return [...files.filter(isE2e), ...files.filter((file) => !isE2e(file))]
}
