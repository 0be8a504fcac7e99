import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { expect, it } from 'vitest'

const packageDir = path.resolve(import.meta.dirname, '..')

it('src/generated/payloadTypes.ts is up to date (run `pnpm --filter @showroom/payload-commerce generate:types` after a schema change)', async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'commerce-types-'))
  const outputFile = path.join(outDir, 'payloadTypes.ts')
  try {
    await promisify(execFile)(path.join(packageDir, 'node_modules/.bin/payload'), ['generate:types'], {
      cwd: packageDir,
      env: { ...process.env, PAYLOAD_CONFIG_PATH: 'test/payload.config.ts', PAYLOAD_TS_OUTPUT_PATH: outputFile },
    })
    expect(readFileSync(path.join(packageDir, 'src/generated/payloadTypes.ts'), 'utf8')).toBe(readFileSync(outputFile, 'utf8'))
  } finally {
    rmSync(outDir, { force: true, recursive: true })
  }
}, 240_000) // Payload's generator in a child process: a minute alone on a loaded 2-core machine.
