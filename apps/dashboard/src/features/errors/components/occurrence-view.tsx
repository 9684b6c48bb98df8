'use client'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { httpLink } from '../model/http-link'
import type { RollbarOccurrence } from '../model/rollbar-model'
import { parseSessionId } from '../../lookup/model/parse-lookup'
import { describeUserAgent, parseUserAgent } from '../model/user-agent'
import styles from './item-page.module.css'
import { OccurrenceTimeline } from './occurrence-timeline'
import { StackTrace } from './stack-trace'

function JsonBlock({ value }: { value: unknown }) {
  return <pre>{JSON.stringify(value, null, 2)}</pre>
}

function Fact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** "Chrome 126 on Windows 10/11" for a browser, the host for a server, or null. */
export function occurrenceOrigin(occurrence: RollbarOccurrence): string | null {
  const agent = describeUserAgent(parseUserAgent(occurrence.details.userAgent))
  if (agent) return agent
  return occurrence.details.server?.host ?? null
}

export function traceHref(occurrence: RollbarOccurrence): string | null {
  if (!occurrence.traceId) return null
  return `/traces/${occurrence.traceId}${occurrence.spanId ? `?span=${occurrence.spanId}` : ''}`
}

function Facts({ occurrence }: { occurrence: RollbarOccurrence }) {
  const { userAgent, person, request, server } = occurrence.details
  const agent = describeUserAgent(parseUserAgent(userAgent))
  const requestHref = httpLink(request?.url)
  const codeVersion = occurrence.codeVersion ?? server?.codeVersion ?? null
  return (
    <dl className={styles.facts}>
      <Fact label="Environment">{occurrence.environment || <span className="muted">none</span>}</Fact>
      <Fact label="Code version">{codeVersion ?? <span className="muted">not recorded</span>}</Fact>
      {userAgent !== null ? (
        <Fact label="Browser" testId="fact-browser">
          <span title={userAgent}>{agent ?? userAgent}</span>
        </Fact>
      ) : null}
      {server ? (
        <Fact label="Server" testId="fact-server">
          {server.host ?? <span className="muted">host not recorded</span>}
          {server.codeVersion && server.codeVersion !== codeVersion ? <span className="muted"> · version {server.codeVersion}</span> : null}
        </Fact>
      ) : null}
      {person ? (
        <Fact label="Person" testId="fact-person">
          {[person.username, person.email, person.id !== null ? `id ${person.id}` : null].filter(Boolean).join(' · ') || (
            <span className="muted">no id, name or email</span>
          )}
        </Fact>
      ) : null}
      {request ? (
        <>
          <Fact label="Request" testId="fact-request">
            {request.method ? <span className="mono">{request.method} </span> : null}
            {requestHref ? (
              <a href={requestHref} rel="noopener noreferrer nofollow" target="_blank">
                {request.url}
              </a>
            ) : (
              (request.url ?? <span className="muted">no URL</span>)
            )}
          </Fact>
          <Fact label="User IP" testId="fact-user-ip">
            {request.userIp ?? <span className="muted">not recorded</span>}
          </Fact>
        </>
      ) : null}
    </dl>
  )
}

/** The open occurrence: where it happened, its links, the breadcrumbs and trace around it, its exception and frames. */
export function OccurrenceView({ occurrence }: { occurrence: RollbarOccurrence }) {
  const href = traceHref(occurrence)
  return (
    <div data-occurrence-id={occurrence.id}>
      <p className="break-anywhere">
        {href ? (
          <Link href={href} data-testid="trace-link">
            Open trace {occurrence.traceId}
            {occurrence.spanId ? ` at span ${occurrence.spanId}` : ''}
          </Link>
        ) : (
          <span className="muted" data-testid="no-trace">
            This occurrence carries no trace id. Put the active trace id in the report&apos;s <code>custom.trace_id</code> (or the <code>trace_id</code>{' '}
            attribute) to link it.
          </span>
        )}
        {occurrence.sessionId ? (
          <span className="muted">
            {' · session '}
            {parseSessionId(occurrence.sessionId) ? (
              <Link href={`/sessions/${occurrence.sessionId}`} data-testid="session-link">
                {occurrence.sessionId}
              </Link>
            ) : (
              occurrence.sessionId
            )}
          </span>
        ) : null}
        {occurrence.uuid ? <span className="muted"> · uuid {occurrence.uuid}</span> : null}
      </p>
      <Facts occurrence={occurrence} />
      <h3>Breadcrumbs{occurrence.traceId ? ' and trace' : ''}</h3>
      <OccurrenceTimeline
        occurrenceMs={occurrence.timestampSec * 1000}
        telemetry={occurrence.details.telemetry}
        traceId={occurrence.traceId}
        spanId={occurrence.spanId}
      />
      {occurrence.message !== null ? (
        <>
          <h3>Message</h3>
          <pre>{occurrence.message}</pre>
        </>
      ) : null}
      <StackTrace exceptions={occurrence.exceptions} />
      <h3>Custom data</h3>
      {occurrence.custom !== null ? <JsonBlock value={occurrence.custom} /> : <p className="muted">No custom data.</p>}
      {occurrence.request ? (
        <details>
          <summary>Request as sent</summary>
          <JsonBlock value={occurrence.request} />
        </details>
      ) : null}
    </div>
  )
}
