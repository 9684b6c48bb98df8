import { fileURLToPath } from 'node:url'

/** How a worker thread starts: which script, and how it is loaded. */
export interface WorkerScript {
  /** the file the worker runs: `<name>.js` next to the module that starts it, or `<name>.ts` when that runs from source */
  file: string
  /** what `new Worker` gets: the script's URL, or a bootstrap that loads the TypeScript source */
  entry: URL | string
  eval: boolean
}

/**
 * The worker runs the same code as the thread that starts it. From `dist/`
 * that is the compiled `<name>.js`; from `src/` (under Vitest, or tsx) it is
 * `<name>.ts` itself, loaded through tsx's module hooks, which a worker must
 * register for itself on Node 20. A worker never falls back to another
 * build's copy, so a test cannot pass against stale compiled code.
 * `startingModule` is the `import.meta.url` of the module that starts it.
 */
export function workerScript(name: string, startingModule: string): WorkerScript {
  if (!startingModule.endsWith('.ts')) {
    const entry = new URL(`./${name}.js`, startingModule)
    return { file: fileURLToPath(entry), entry, eval: false }
  }
  const source = new URL(`./${name}.ts`, startingModule)
  const tsxApi = resolveTsxApi()
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}) })`
  return { file: fileURLToPath(source), entry: bootstrap, eval: true }
}

/** tsx's ESM API (a dev dependency: only source runs need it). */
function resolveTsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api')
  } catch (error) {
    throw new Error(`workers run from source need tsx (a dev dependency of @spanlight/trace-store): ${(error as Error).message}`)
  }
}
