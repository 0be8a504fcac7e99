/**
 * The CMS's own scripts that tests run as processes (the REST API server, the template's migration),
 * bundled once per test run with esbuild, with their dependencies, instead of run by tsx in every
 * process they start. Under tsx, each process spent about 2 of the 2.6 CPU seconds it took to listen
 * on tsx's loader (resolving and transpiling the app's modules, every import passing its hooks) and on
 * Node loading Payload's thousands of files; from the bundle it listens after about 0.55 s. A run
 * starts some 25 of them across both suites.
 *
 * The bundle runs the same code as tsx would: the sources are compiled by the same esbuild, every
 * module keeps its own location (`ownLocations` below), and the few packages that need their files
 * (native addons, worker threads) are imported from `node_modules` as Node would load them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { build, type Plugin, stop } from 'esbuild'

const cmsDir = path.resolve(import.meta.dirname, '../../cms')

/** The scripts bundled, by their path in `cms/`; each lands at the same path, as `.mjs`, in the bundle folder. */
const ENTRY_POINTS = ['scripts/serveApi.ts', 'test/migrateDatabase.ts'] as const

export type CmsScript = (typeof ENTRY_POINTS)[number]

/** Names the run's bundle folder for the test files and the processes they start (set by `globalSetup.ts`). */
export const CMS_BUNDLE_ENV = 'TEST_CMS_SERVER_BUNDLE'

/**
 * Dependencies that stay outside the bundle, imported from their own files: native addons (sharp),
 * packages that load files of their own by path (pino's transports run in worker threads; PGlite's wasm),
 * and packages the CMS imports lazily with `import()` whose CommonJS build lacks named exports once
 * bundled (the password policy's `@zxcvbn-ts/*`: "ZxcvbnFactory is not a constructor").
 */
const kept = /^(sharp|pino|pino-pretty|thread-stream|pg-native|@electric-sql\/pglite|@zxcvbn-ts\/[^/]+)(\/|$)/

const FILE_LOADERS = { cjs: 'js', js: 'js', jsx: 'jsx', mjs: 'js', ts: 'ts', tsx: 'tsx' } as const
const declaresFileNames = /\b(?:const|let|var|function)\s+(?:__dirname|__filename)\b/

/**
 * Every module of the bundle keeps the location it has in `node_modules` or the workspace: its
 * `import.meta.url`, and in CommonJS its `__dirname` and `__filename`. Paths a module derives from them
 * (Payload resolving drizzle-kit next to itself, the CMS's migrations folder) then do not move.
 */
const ownLocations: Plugin = {
  name: 'own-locations',
  setup(builder) {
    builder.onResolve({ filter: kept }, async (args) => {
      if (args.pluginData === 'resolving') return undefined
      const resolved = await builder.resolve(args.path, { kind: args.kind, pluginData: 'resolving', resolveDir: args.resolveDir })
      // An optional package that is not installed (pg-native) fails when required, as it would unbundled.
      return { external: true, path: resolved.errors.length > 0 ? args.path : resolved.path }
    })
    builder.onLoad({ filter: /\.(?:[cm]?js|jsx|tsx?)$/ }, (args) => {
      const extension = path.extname(args.path).slice(1) as keyof typeof FILE_LOADERS
      let contents = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
      if (/\b__(?:dirname|filename)\b/.test(contents) && !declaresFileNames.test(contents)) {
        contents = `var __dirname = ${JSON.stringify(path.dirname(args.path))}, __filename = ${JSON.stringify(args.path)};\n${contents}`
      }
      return { contents, loader: FILE_LOADERS[extension] }
    })
  },
}

/** Bundles the scripts into a new temporary folder; returns it and the function that removes it. */
export const buildCmsServerBundle = async (): Promise<{ dir: string; remove: () => void }> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'showroom-cms-bundle-'))
  try {
    await build({
      absWorkingDir: cmsDir,
      bundle: true,
      // The two scripts share their modules in one chunk.
      splitting: true,
      entryPoints: [...ENTRY_POINTS],
      format: 'esm',
      logLevel: 'warning',
      outdir: dir,
      // The folder has no package.json saying `"type": "module"`.
      outExtension: { '.js': '.mjs' },
      platform: 'node',
      // CommonJS modules inside an ES module bundle: their `require` of a kept package or a Node module.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      plugins: [ownLocations],
      // Stack traces name the source files (the processes run with --enable-source-maps).
      sourcemap: 'linked',
      target: 'node22',
    })
  } catch (error) {
    rmSync(dir, { force: true, recursive: true })
    throw new Error('could not bundle the CMS’s server scripts for the test run', { cause: error })
  } finally {
    // esbuild's service process would otherwise idle beside the test run until it ends.
    await stop()
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
