import { expect, test } from './fixtures/test.js'

const THROWN_MESSAGE = 'The demo click handler exploded'
/** CODE_VERSION in apps/demo-web/src/tracing.ts: its serviceVersion, which the Rollbar bridge sends as the code version */
const DEMO_CODE_VERSION = '0.1.0'

test('a browser Rollbar item names the build where Rollbar matches source maps by it', async ({ page, rollbar }) => {
  await page.goto('/#/errors')
  await page.getByRole('button', { name: 'Throw in a click handler' }).click()

  const { occurrence } = await rollbar.waitForOccurrence('the thrown click-handler error', (_item, candidate) =>
    JSON.stringify(candidate.data.body).includes(THROWN_MESSAGE),
  )
  const data = occurrence.data as { client?: { javascript?: Record<string, unknown> } }
  expect(data.client?.javascript).toMatchObject({ code_version: DEMO_CODE_VERSION, source_map_enabled: true })
})
