import Link from 'next/link'
import type { TraceLinkedItem } from '../../errors/model/rollbar-model'
import { attributeText, findAttribute, type Attribute, type SpanModel } from '../../traces/model/trace-model'
import { formatDuration } from '../model/time-layout'

function AttributeList({ attributes, empty }: { attributes: Attribute[]; empty: string }) {
  if (attributes.length === 0) return <p className="muted">{empty}</p>
  return (
    <dl className="kv">
      {attributes.map((attribute, index) => (
        <div key={`${attribute.key}-${index}`} style={{ display: 'contents' }}>
          <dt>{attribute.key}</dt>
          {/* values are untrusted: always rendered as text */}
          <dd>{attributeText(attribute.value)}</dd>
        </div>
      ))}
    </dl>
  )
}

/** Everything about one span: attributes, resource, events (exceptions with their stack), links, status and its Rollbar items. */
export function SpanDetails({
  span,
  startOffsetMs,
  resource,
  rollbarItems,
}: {
  span: SpanModel
  startOffsetMs: number
  resource: Attribute[]
  rollbarItems: TraceLinkedItem[]
}) {
  return (
    <aside className="side-panel" aria-label="Span details" data-testid="span-details">
      <h2>{span.name || '(unnamed span)'}</h2>
      <dl className="kv">
        <dt>service</dt>
        <dd>{span.serviceName}</dd>
        <dt>kind</dt>
        <dd>{span.kind}</dd>
        <dt>status</dt>
        <dd className={span.status.code === 'error' ? 'error-text' : undefined}>
          {span.status.code}
          {span.status.message ? `: ${span.status.message}` : ''}
        </dd>
        <dt>duration</dt>
        <dd>{formatDuration(span.durationMs)}</dd>
        <dt>starts at</dt>
        <dd>+{formatDuration(startOffsetMs)}</dd>
        <dt>span id</dt>
        <dd>{span.spanId}</dd>
        <dt>parent</dt>
        <dd>{span.parentSpanId ?? '(root)'}</dd>
        <dt>scope</dt>
        <dd>{span.scope.name ? `${span.scope.name}${span.scope.version ? ` ${span.scope.version}` : ''}` : '–'}</dd>
      </dl>
      {rollbarItems.length > 0 ? (
        <>
          <h3>Rollbar items for this span</h3>
          <ul>
            {rollbarItems.map((item) => (
              <li key={item.occurrenceId}>
                <Link href={`/errors/${item.itemId}`}>{item.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Attributes</h3>
      <AttributeList attributes={span.attributes} empty="No attributes." />
      <h3>Events</h3>
      {span.events.length === 0 ? (
        <p className="muted">No events.</p>
      ) : (
        span.events.map((event, index) => {
          const stack = findAttribute(event.attributes, 'exception.stacktrace')
          return (
            <div key={index} className="panel" style={{ marginBottom: 6 }}>
              <strong className={event.name === 'exception' ? 'error-text' : undefined}>{event.name}</strong>
              <AttributeList attributes={event.attributes.filter((attribute) => attribute.key !== 'exception.stacktrace')} empty="" />
              {stack !== undefined ? <pre>{attributeText(stack)}</pre> : null}
            </div>
          )
        })
      )}
      <h3>Links</h3>
      {span.links.length === 0 ? (
        <p className="muted">No links.</p>
      ) : (
        <ul>
          {span.links.map((link, index) => (
            <li key={index}>
              <Link href={`/traces/${link.traceId}?span=${link.spanId}`}>
                {link.traceId.slice(0, 8)}… / {link.spanId}
              </Link>
              <AttributeList attributes={link.attributes} empty="" />
            </li>
          ))}
        </ul>
      )}
      <h3>Resource</h3>
      <AttributeList attributes={resource} empty="No resource attributes." />
    </aside>
  )
}
