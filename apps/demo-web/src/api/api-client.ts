import { API_URL } from '../config.js'

export interface Activity {
  uuid: string
  handle: string
  displayName: string
  message: string
  repliesCount: number
  repostsCount: number
  likesCount: number
  createdAt: string
}

export interface Notification {
  uuid: string
  kind: 'mention' | 'like' | 'reply'
  createdAt: string
  activity: Activity
}

export interface User {
  uuid: string
  handle: string
  displayName: string
  bio: string
  activitiesCount: number
  createdAt: string
}

export interface FieldProblem {
  field: string
  message: string
}

/** An answer of the demo API that is not 2xx, with what its error body says. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[],
    readonly traceId: string | undefined,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${API_URL}${path}`, init)
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string; fields?: FieldProblem[]; traceId?: string } }
  if (!response.ok) {
    throw new ApiError(response.status, body.error?.message ?? `HTTP ${response.status}`, body.error?.fields ?? [], body.error?.traceId)
  }
  return body as T
}

export function fetchHomeFeed(): Promise<{ activities: Activity[] }> {
  return request('/api/activities/home')
}

export function fetchNotifications(): Promise<{ notifications: Notification[] }> {
  return request('/api/activities/notifications')
}

export function searchActivities(term: string): Promise<{ term: string; activities: Activity[] }> {
  return request(`/api/activities/search?term=${encodeURIComponent(term)}`)
}

export function fetchUserProfile(handle: string): Promise<{ profile: User; activities: Activity[] }> {
  return request(`/api/users/${encodeURIComponent(handle)}`)
}

export function postActivity(input: { handle: string; message: string }): Promise<{ activity: Activity }> {
  return request('/api/activities', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })
}

export function callFailingEndpoint(): Promise<never> {
  return request('/api/fail')
}
