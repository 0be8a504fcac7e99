/** What `pnpm seed` was asked to do. */
export type SeedArgs = {
  /** Show usage and exit. */
  help: boolean
  /** Skip when the catalogue already has products. */
  ifEmpty: boolean
  /** Generated products to have in total, on top of the demo catalogue. */
  products: number
}

/** A mistake in how the command was called: the CLI prints it with the usage and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const USAGE = `usage: pnpm seed [--products N] [--if-empty]

  --products N   also generate products until N of them exist (SKUs BULK-000001…), for benchmarks
  --if-empty     do nothing when the catalogue already has products (what \`pnpm dev\` runs)
  --help         show this message`

/** A catalogue far past this is a typo, not a benchmark. */
const MAX_PRODUCTS = 1_000_000

const parseCount = (raw: string | undefined): number => {
  if (raw === undefined || raw.startsWith('-')) throw new UsageError('--products needs a number, such as --products 10000')
  const normalised = raw.replaceAll('_', '')
  if (!/^\d+$/.test(normalised)) throw new UsageError(`--products must be a whole number, got "${raw}"`)
  const count = Number(normalised)
  if (count > MAX_PRODUCTS) throw new UsageError(`--products must be at most ${MAX_PRODUCTS}, got ${raw}`)
  return count
}

/** Parses the seed's arguments strictly: anything unknown, repeated or malformed is an error. */
export const parseSeedArgs = (argv: readonly string[]): SeedArgs => {
  const args: SeedArgs = { help: false, ifEmpty: false, products: 0 }
  const seen = new Set<string>()
  const once = (flag: string): void => {
    if (seen.has(flag)) throw new UsageError(`${flag} was given more than once`)
    seen.add(flag)
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? ''
    // pnpm passes a lone "--" through when the user separates script arguments with it.
    if (arg === '--') continue
    const [flag = '', inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg]
    switch (flag) {
      case '--help':
      case '-h':
        args.help = true
        break
      case '--if-empty':
        if (inline !== undefined) throw new UsageError('--if-empty takes no value')
        once(flag)
        args.ifEmpty = true
        break
      case '--products':
        once(flag)
        if (inline !== undefined) {
          args.products = parseCount(inline)
        } else {
          i += 1
          args.products = parseCount(argv[i])
        }
        break
      default:
        throw new UsageError(`Unknown argument "${arg}"`)
    }
  }
  return args
}
