import { buildSync } from 'esbuild'
import { runInNewContext } from 'node:vm'

/** The original source of the app the tests bundle; line numbers below are this text's. */
export const APP_SOURCE = `interface Item { priceCents: number }
export function computeTotal(items: Item[]): number {
  const total = items.reduce((sum, item) => sum + item.priceCents, 0)
  if (total > 100) throw new Error('total too high')
  return total
}
export function renderCart(items: Item[]): string {
  const label = 'Total: '
  return label + computeTotal(items)
}
renderCart([{ priceCents: 500 }])
`

/** 1-based line and column of `text` in APP_SOURCE (its first occurrence). */
export function appPositionOf(text: string): { lineno: number; colno: number } {
  const lines = APP_SOURCE.split('\n')
  const index = lines.findIndex((line) => line.includes(text))
  if (index < 0) throw new Error(`${text} is not in APP_SOURCE`)
  return { lineno: index + 1, colno: lines[index]!.indexOf(text) + 1 }
}

export interface MinifiedApp {
  /** the bundle, one minified line */
  code: string
  /** its source map (esbuild's, sources relative to the map: `../src/cart.ts`) */
  mapText: string
  /** Rollbar-shaped frames of the error the bundle throws when run, most recent last, as rollbar.js sends them */
  frames: { filename: string; lineno: number; colno: number; method: string }[]
}

const V8_FRAME = /^\s*at (?:(.+?) \()?(.+):(\d+):(\d+)\)?$/

/**
 * Bundles and minifies APP_SOURCE with esbuild (as a Vite build would), runs it as if served at `scriptUrl`, and
 * returns the frames of the real error it throws.
 */
export function buildMinifiedApp(scriptUrl: string): MinifiedApp {
  const built = buildSync({
    stdin: { contents: APP_SOURCE, loader: 'ts', sourcefile: 'src/cart.ts', resolveDir: '/app' },
    bundle: true,
    minify: true,
    format: 'iife',
    sourcemap: 'external',
    sourcesContent: true,
    outfile: '/app/dist/index.js',
    write: false,
  })
  const code = built.outputFiles.find((file) => file.path.endsWith('.js'))!.text
  const mapText = built.outputFiles.find((file) => file.path.endsWith('.map'))!.text
  let stack = ''
  try {
    runInNewContext(code, {}, { filename: scriptUrl })
  } catch (error) {
    stack = (error as Error).stack ?? ''
  }
  const frames = stack
    .split('\n')
    .map((line) => V8_FRAME.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[2] === scriptUrl)
    .map((match) => ({ filename: match[2]!, lineno: Number(match[3]), colno: Number(match[4]), method: match[1] ?? '<anonymous>' }))
  return { code, mapText, frames: frames.reverse() }
}
