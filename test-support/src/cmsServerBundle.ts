/**
 * The CMS's own scripts that tests run as processes (the REST API server, the template's migration),
 * bundled once per test run with esbuild instead of transpiled by tsx in every process they start.
 * Started under tsx, each process spent about 2 of its 3.3 CPU seconds before Payload's init on tsx
 * resolving and transpiling the app's modules (and every dependency's import going through its loader
 * hooks); the bundle starts in about 1.2 s. A run starts some 25 of them across both suites.
 *
 * Only the workspace's own TypeScript is bundled. Every dependency stays an import of the file Node
 * would load (its resolved absolute path, so a dependency only the commerce plugin declares resolves
 * too, and each package is one module instance, as under tsx). Each source file keeps its own
 * `import.meta.url`, so paths derived from it (the CMS's migrations folder, its import map) do not move.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { build, type Plugin } from 'esbuild'

const cmsDir = path.resolve(import.meta.dirname, '../../cms')

/** The scripts bundled, by their path in `cms/`; each lands at the same path, as `.mjs`, in the bundle folder. */
const ENTRY_POINTS = ['scripts/serveApi.ts', 'test/migrateDatabase.ts'] as const

export type CmsScript = (typeof ENTRY_POINTS)[number]

/** Names the run's bundle folder for the test files and the processes they start (set by `globalSetup.ts`). */
export const CMS_BUNDLE_ENV = 'TEST_CMS_SERVER_BUNDLE'

const workspacePackage = /^@showroom\//

const dependenciesAsFiles: Plugin = {
  name: 'dependencies-as-files',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (workspacePackage.test(args.path) || args.pluginData === 'resolving') return undefined
      const resolved = await builder.resolve(args.path, { kind: args.kind, pluginData: 'resolving', resolveDir: args.resolveDir })
      if (resolved.errors.length > 0) return { errors: resolved.errors }
      // Node's built-in modules stay as written.
      return { external: true, path: resolved.external ? args.path : resolved.path }
    })
    builder.onLoad({ filter: /\.tsx?$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: args.path.endsWith('x') ? 'tsx' : 'ts',
    }))
  },
}

/** Bundles the scripts into a new temporary folder; returns it and the function that removes it. */
export const buildCmsServerBundle = async (): Promise<{ dir: string; remove: () => void }> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'showroom-cms-bundle-'))
  try {
    await build({
      absWorkingDir: cmsDir,
      bundle: true,
      entryPoints: [...ENTRY_POINTS],
      format: 'esm',
      logLevel: 'warning',
      outdir: dir,
      // The folder has no package.json saying `"type": "module"`.
      outExtension: { '.js': '.mjs' },
      platform: 'node',
      plugins: [dependenciesAsFiles],
      // Stack traces name the source files (the processes run with --enable-source-maps).
      sourcemap: 'linked',
      target: 'node22',
    })
  } catch (error) {
    rmSync(dir, { force: true, recursive: true })
    throw new Error('could not bundle the CMS’s server scripts for the test run', { cause: error })
  }
  return { dir, remove: () => rmSync(dir, { force: true, recursive: true }) }
}

/**
 * Node arguments that run `script` (a path in `cms/`, run with `cms/` as the working directory): the
 * run's bundle when a test run made one, else the TypeScript source through tsx as a loader in the same
 * process (not tsx's CLI, which runs a child: a SIGKILL must really kill the server).
 */
export const cmsScriptArgs = (script: CmsScript): string[] => {
  const bundle = process.env[CMS_BUNDLE_ENV]
  if (!bundle) return ['--import', 'tsx', script]
  return ['--enable-source-maps', path.join(bundle, script.replace(/\.ts$/, '.mjs'))]
}
