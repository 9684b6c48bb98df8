import { expect, test } from '@playwright/test'
import { reimportDownload, spanById } from './reimport-download'
import { TEMPO_INT64_TRACE_ID } from './upstreams'

// The dashboard with TEMPO_URL set, against Tempo's recorded answers (./upstreams.ts): issue 15's Tempo cases.

test('the trace list shows the traces of a search without a service', async ({ page }) => {
  await page.goto('/traces')
  // the older-style result's id lost its leading zero: the dashboard pads it back
  await expect(page.locator('tr[data-trace-id="0a8efff798038103d269b633813fc60c"]')).toBeVisible()
  await expect(page.locator('tr[data-trace-id="2ea75461946a7dd10f2c15ab36a076cb"]')).toBeVisible()
  await expect(page.locator('.state.error')).toHaveCount(0)
})

test('the OTLP download of a Tempo trace re-imports into the store exactly: int64 above 2^53, doubles, base64 ids as hex', async ({ page }) => {
  await page.goto(`/traces/${TEMPO_INT64_TRACE_ID}`)
  await expect(page.getByText('1 span came without a start or end time (the source leaves out zero values); taken as 0')).toBeVisible()
  const { view } = await reimportDownload(page, TEMPO_INT64_TRACE_ID)
  const root = spanById(view, 'c0ffee0000000001')
  expect(root).toMatchObject({
    traceState: 'tempo=1',
    flags: 769,
    kind: 2,
    startTimeUnixNano: '1782036900000000001',
    endTimeUnixNano: '1782036900123456789',
    droppedAttributesCount: 2,
    droppedEventsCount: 1,
    droppedLinksCount: 2,
    status: { code: 1, message: '' },
  })
  expect(root.attributes).toEqual([
    { key: 'count.big', value: { intValue: '9007199254740993' } },
    { key: 'count.small', value: { intValue: '42' } },
    { key: 'count.text', value: { intValue: '-7' } },
    { key: 'ratio.huge', value: { doubleValue: 1e300 } },
    { key: 'ratio.nan', value: { doubleValue: 'NaN' } },
    { key: 'ratio.infinite', value: { doubleValue: '-Infinity' } },
    { key: 'ratio.whole', value: { doubleValue: 3 } },
    { key: 'payload', value: { bytesValue: '3q2+7w==' } },
    { key: 'flag', value: { boolValue: false } },
  ])
  expect(root.events).toEqual([{ timeUnixNano: '1782036900000100003', name: 'cache miss', attributes: [], droppedAttributesCount: 3 }])
  expect(root.links).toEqual([
    { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', traceState: 'l=2', attributes: [], droppedAttributesCount: 0, flags: 1 },
  ])
  expect(spanById(view, 'c0ffee0000000002')).toMatchObject({ parentSpanId: 'c0ffee0000000001', kind: 3, startTimeUnixNano: '0', endTimeUnixNano: '0' })
})
