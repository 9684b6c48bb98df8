import type { SpanView } from '@spanlight/trace-store'
import { attributeValue, SPAN_KIND, type Trace } from './fixtures/trace-model.js'
import { API_URL, expect, test } from './fixtures/test.js'

// The demo SPA records every frontend signal of @spanlight/web-tracing (apps/demo-web/src/tracing.ts): interactions,
// route changes, long animation frames, web vitals and sessions. These tests click through it in Chromium and read
// what the real store holds.

const SESSION_ID = 'session.id'

/** Names of the span's ancestors, nearest first. */
function ancestorNames(trace: Trace, span: SpanView): string[] {
  const names: string[] = []
  for (let parent = trace.parentOf(span); parent; parent = trace.parentOf(parent)) names.push(parent.name)
  return names
}

function resourceValue(trace: Trace, span: SpanView, key: string) {
  return attributeValue(trace.view.resources[String(span.resourceId)]!.attributes, key)
}

test('a click that fetches is one trace: the click’s span, its query and fetch, and the API’s server span', async ({ page, traces }) => {
  await page.goto('/')
  await expect(page.getByRole('list', { name: 'activities' }).getByRole('listitem').first()).toBeVisible()
  const apiRequest = page.waitForRequest(`${API_URL}/api/activities/notifications`)
  await page.getByRole('link', { name: 'Notifications' }).click()
  await expect(page.getByRole('list', { name: 'notifications' }).getByRole('listitem').first()).toBeVisible()

  const trace = await traces.waitFor({
    service: 'demo-web',
    name: 'click Notifications',
    spans: [{ service: 'demo-api', kind: SPAN_KIND.server }, { name: 'navigation /notifications' }],
  })
  expect((await (await apiRequest).allHeaders()).traceparent?.split('-')[1], 'the request the API got is this trace’s').toBe(trace.traceId)

  const click = trace.span({ name: 'click Notifications' })
  expect(click.parentSpanId, 'the click is the root').toBeNull()
  expect(attributeValue(click.attributes, 'browser.interaction.type')).toBe('click')
  expect(attributeValue(click.attributes, 'browser.page.route'), 'the click happened on the feed').toBe('/')
  const fetchSpan = trace.span({ service: 'demo-web', kind: SPAN_KIND.client, attributes: { 'url.full': `${API_URL}/api/activities/notifications` } })
  expect(ancestorNames(trace, fetchSpan)).toEqual(['query activities notifications', 'click Notifications'])
  expect(trace.span({ service: 'demo-api', kind: SPAN_KIND.server }).parentSpanId).toBe(fetchSpan.spanId)
  // the link pushed a path inside the click: its navigation is the click's child too
  expect(trace.parentOf(trace.span({ name: 'navigation /notifications' }))?.spanId).toBe(click.spanId)

  // sessions: every browser span carries the session, and so does its resource, with the session's times
  const sessionId = attributeValue(click.attributes, SESSION_ID)
  expect(sessionId).toMatch(/^[0-9a-f]{32}$/)
  for (const span of trace.spans.filter((candidate) => candidate.serviceName === 'demo-web')) {
    expect(attributeValue(span.attributes, SESSION_ID), span.name).toBe(sessionId)
    expect(resourceValue(trace, span, SESSION_ID), `${span.name}'s resource`).toBe(sessionId)
    expect(Number(resourceValue(trace, span, 'spanlight.session.start_time_unix_ms'))).toBeGreaterThan(0)
    expect(Number(resourceValue(trace, span, 'spanlight.session.last_activity_time_unix_ms'))).toBeGreaterThan(0)
  }

  // web vitals of the same page view, with its route and session
  const vital = await traces.waitFor({ service: 'demo-web', name: 'web vital FCP', attributes: { [SESSION_ID]: String(sessionId) } })
  expect(attributeValue(vital.span({ name: 'web vital FCP' }).attributes, 'browser.page.route')).toBe('/')
})

test('a profile is the route /users/:handle: its navigation and fetch name the template, never the handle', async ({ page, traces }) => {
  await page.goto('/')
  await page.getByRole('listitem').filter({ hasText: '@worf' }).getByRole('link', { name: 'Profile' }).first().click()
  await expect(page).toHaveURL('/users/worf')
  await expect(page.getByRole('heading', { name: 'Worf' })).toBeVisible()

  const trace = await traces.waitFor({
    service: 'demo-web',
    name: 'navigation /users/:handle',
    spans: [{ name: 'click Profile' }, { service: 'demo-api', kind: SPAN_KIND.server }],
  })
  const navigation = trace.span({ name: 'navigation /users/:handle' })
  expect(attributeValue(navigation.attributes, 'browser.navigation.type')).toBe('push')
  expect(attributeValue(navigation.attributes, 'browser.navigation.from.path')).toBe('/')
  expect(trace.parentOf(navigation)?.name).toBe('click Profile')
  const fetchSpan = trace.span({ service: 'demo-web', kind: SPAN_KIND.client, attributes: { 'url.full': `${API_URL}/api/users/worf` } })
  expect(attributeValue(fetchSpan.attributes, 'browser.page.route')).toBe('/users/:handle')
  expect(attributeValue(fetchSpan.attributes, 'browser.page.path')).toBe('/users/worf')
  expect(trace.span({ service: 'demo-api', kind: SPAN_KIND.server }).parentSpanId).toBe(fetchSpan.spanId)
  expect(trace.spans.map((span) => span.name).filter((name) => name.includes('worf'))).toEqual([])

  // back: popstate renders the feed again, and the route change is a `pop` navigation of its own trace
  await page.goBack()
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible()
  const back = await traces.waitFor({
    service: 'demo-web',
    name: 'navigation /',
    attributes: { 'browser.navigation.type': 'pop', 'browser.navigation.from.path': '/users/worf' },
  })
  expect(back.span({ name: 'navigation /' }).parentSpanId, 'back/forward is not inside a span of the app').toBeNull()
})

test('a search sent with Enter is one trace named after the form, never after what was typed', async ({ page, traces }) => {
  const term = 'prune'
  await page.goto('/search')
  await page.getByRole('textbox', { name: 'Term' }).fill(term)
  await page.getByRole('textbox', { name: 'Term' }).press('Enter')
  await expect(page.getByRole('list', { name: 'activities' })).toContainText('prune juice')

  const searchUrl = `${API_URL}/api/activities/search?term=${term}`
  const trace = await traces.waitFor({
    service: 'demo-web',
    name: 'submit search',
    spans: [
      { kind: SPAN_KIND.client, attributes: { 'url.full': searchUrl } },
      { service: 'demo-api', kind: SPAN_KIND.server },
    ],
  })
  const submit = trace.span({ name: 'submit search' })
  expect(submit.parentSpanId).toBeNull()
  expect(attributeValue(submit.attributes, 'browser.interaction.type')).toBe('submit')
  expect(ancestorNames(trace, trace.span({ kind: SPAN_KIND.client, attributes: { 'url.full': searchUrl } }))).toEqual([
    'query activities search',
    'submit search',
  ])
  expect(trace.spans.map((span) => span.name).filter((name) => name.includes(term))).toEqual([])
  const interactionValues = submit.attributes
    .filter((attribute) => attribute.key.startsWith('browser.interaction.'))
    .map((attribute) => attribute.value.stringValue)
  expect(interactionValues.filter((value) => value?.includes(term))).toEqual([])
})

test('a click that blocks the main thread records the long animation frame under the click, with its script', async ({ page, traces }) => {
  await page.goto('/errors')
  await page.getByRole('button', { name: 'Block the main thread for 200 ms' }).click()
  await expect(page.getByRole('log')).toHaveText('Blocked once.')

  const trace = await traces.waitFor({
    service: 'demo-web',
    name: 'click Block the main thread for 200 ms',
    spans: [{ name: 'long animation frame', attributes: { 'browser.long_frame.during': 'interaction' } }],
  })
  const frame = trace.span({ name: 'long animation frame', attributes: { 'browser.long_frame.during': 'interaction' } })
  expect(trace.parentOf(frame)?.name).toBe('click Block the main thread for 200 ms')
  expect(Number(attributeValue(frame.attributes, 'browser.long_frame.duration_ms'))).toBeGreaterThanOrEqual(200)
  expect(attributeValue(frame.attributes, 'browser.long_frame.script.invoker_type')).toBe('event-listener')
  expect(attributeValue(frame.attributes, 'browser.page.route')).toBe('/errors')
})
