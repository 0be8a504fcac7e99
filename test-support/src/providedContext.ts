/** What the shared `globalSetup.ts` provides to every test file of a run, read with vitest's `inject`. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's database with the CMS's committed migrations applied: `createTestDatabase(name, { template })`. */
    migratedTemplate: string
  }
}

export {}
