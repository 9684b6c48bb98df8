// The browser's only way to data: the dashboard's own /api routes (never an upstream directly).

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response
  try {
    // no custom headers: the request must match the page's <link rel=preload as=fetch> to reuse it
    response = await fetch(path, { signal })
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network', 'the dashboard server did not answer; is it still running?')
  }
  if (!response.ok) throw await apiFailure(response)
  return (await response.json()) as T
}

async function apiFailure(response: Response): Promise<ApiError> {
  let code = 'http_error'
  let message = `HTTP ${response.status}`
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } }
    code = body.error?.code ?? code
    message = body.error?.message ?? message
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, code, message)
}

/** Sends JSON to a dashboard route that changes something (same origin: the browser adds Origin and Sec-Fetch-Site). */
export async function apiSend<T>(path: string, method: 'PATCH', json: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) })
  } catch {
    throw new ApiError(0, 'network', 'the dashboard server did not answer; is it still running?')
  }
  if (!response.ok) throw await apiFailure(response)
  return (await response.json()) as T
}
