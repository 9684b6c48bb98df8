import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sendBrowserOccurrence, uploadSourceMap, waitForStore } from './seed'

// A browser occurrence whose frames point into a minified script: with its map uploaded to the store, the item page
// shows the original file and line prominently, the minified position small, and the original code line.

const bundle = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cart-total-minified-with-map.json'), 'utf8')) as {
  minifiedCode: string
  sourceMap: unknown
}
const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

/** 1-based column of a piece of the one-line minified script, as a browser's stack gives it. */
function columnOf(piece: string): number {
  const index = bundle.minifiedCode.indexOf(piece)
  expect(index, piece).toBeGreaterThanOrEqual(0)
  return index + 1
}

test('a minified browser frame is shown at its original file and line, the minified position small', async ({ page }) => {
  const stamp = Date.now()
  const version = `e2e-${stamp}`
  const minifiedUrl = `http://127.0.0.1:4999/assets/cart-total-${stamp}.min.js`
  const message = `total too high (${stamp})`
  const throwColumn = columnOf('new Error("total too high")')
  await uploadSourceMap({ version, minifiedUrl, sourceMap: bundle.sourceMap })
  await sendBrowserOccurrence({
    message,
    codeVersion: version,
    userAgent: CHROME_ON_WINDOWS,
    frames: [
      { filename: minifiedUrl, lineno: 1, colno: columnOf('e(o)}'), method: 'n' },
      { filename: minifiedUrl, lineno: 1, colno: throwColumn, method: 'e' },
    ],
  })
  const items = await waitForStore<{ result: { items: { id: number; title: string }[] } }>('/api/1/items', (body) =>
    body.result.items.some((item) => item.title === `Error: ${message}`),
  )
  const itemId = items.result.items.find((item) => item.title === `Error: ${message}`)!.id

  await page.goto(`/errors/${itemId}`)
  const open = page.locator('[data-testid=occurrence][data-open=true]')
  await expect(open.getByTestId('fact-browser').locator('dd')).toHaveText('Chrome 126 on Windows 10/11')
  const top = open.getByTestId('frame').first()
  await expect(top).toHaveAttribute('data-library', 'false')
  await expect(top.getByTestId('frame-location')).toHaveText(/^src\/cart\/cart-total\.ts:5:\d+$/)
  await expect(top.getByTestId('frame-minified')).toHaveText(`minified: cart-total-${stamp}.min.js:1:${throwColumn}`)
  await expect(top.getByTestId('frame-code')).toContainText("if (total > 100) throw new Error('total too high')")
  // the caller, at its call site in the original
  await expect(open.getByTestId('frame').nth(1).getByTestId('frame-location')).toHaveText(/^src\/cart\/cart-total\.ts:10:\d+$/)
})
