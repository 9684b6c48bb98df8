import { createTraceStore, type TraceStore } from '../src/create-trace-store.js'
import type { TraceStoreOptions } from '../src/config.js'

/** A store on a free port with an in-memory database and its log kept for assertions. */
export async function startTestStore(options: TraceStoreOptions = {}): Promise<TraceStore & { logLines: string[] }> {
  const logLines: string[] = []
  const store = await createTraceStore({ port: 0, databaseFile: ':memory:', log: (line) => logLines.push(line), ...options })
  return Object.assign(store, { logLines })
}

export async function getJson<T = unknown>(url: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url, init)
  return { status: response.status, body: (await response.json()) as T, headers: response.headers }
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
}

/** The JSON body of a response, typed by the caller (tests know the shape they assert). */
export async function readJson<T = { message: string }>(response: Response): Promise<T> {
  return (await response.json()) as T
}

/** Posts protobuf bytes as an OTLP/HTTP exporter does. */
export function postProtobuf(url: string, body: Uint8Array): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body })
}

/** Posts JSON text as it is (for what JSON.stringify cannot write, such as int64 numbers beyond 2^53). */
export function postJsonText(url: string, text: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })
}
