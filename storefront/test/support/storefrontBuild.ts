/**
 * The storefront's production build for tests: one per test run (`globalSetup.ts` builds it and provides
 * its folder as `storefrontBuild`), shared by every test file's instances; benchmarks build their own.
 * The build itself is test-support's (the CMS's admin browser test builds one too).
 */
export { buildStorefront, removeTestBuild, testBuildDir } from '@showroom/test-support'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's storefront build (`astro build --outDir`), made once by the storefront's globalSetup. */
    storefrontBuild: string
  }
}
