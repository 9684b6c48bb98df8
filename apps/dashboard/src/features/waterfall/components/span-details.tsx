import Link from 'next/link'
import type { TraceLinkedItem } from '../../errors/model/rollbar-model'
import { queryHref } from '../../query/model/query-url'
import { attributeText, findAttribute, type Attribute, type SpanModel } from '../../traces/model/trace-model'
import { attributeIdHref, itemUuidHref, type AttributeLinkContext } from '../model/attribute-links'
import { eventOffsetMs } from '../model/span-marks'
import { formatDuration } from '../model/time-layout'

type HrefOf = (attribute: Attribute, siblings: readonly Attribute[]) => string | undefined

function AttributeList({ attributes, empty, hrefOf }: { attributes: Attribute[]; empty: string; hrefOf?: HrefOf }) {
  if (attributes.length === 0) return <p className="muted">{empty}</p>
  return (
    <dl className="kv">
      {attributes.map((attribute, index) => {
        // values are untrusted: always rendered as text, and a link only to a page of ours
        const text = attributeText(attribute.value)
        const href = hrefOf?.(attribute, attributes)
        return (
          <div key={`${attribute.key}-${index}`} style={{ display: 'contents' }}>
            <dt>{attribute.key}</dt>
            <dd>{href ? <Link href={href}>{text}</Link> : text}</dd>
          </div>
        )
      })}
    </dl>
  )
}

/**
 * Links in attribute values (rules in `attribute-links.ts`): `rollbar.item.uuid` to its item, trace and span ids to
 * their trace, `session.id` to its session.
 */
function linksOf(rollbarItems: TraceLinkedItem[], context: AttributeLinkContext): HrefOf {
  const itemIdOfUuid = (uuid: string) => rollbarItems.find((candidate) => candidate.uuid?.replace(/-/g, '').toLowerCase() === uuid)?.itemId
  return (attribute, siblings) => itemUuidHref(attribute, itemIdOfUuid) ?? attributeIdHref(attribute, siblings, context)
}

/** The Query page: P95 duration and count over the last 24 hours of spans with this name in this service. */
function spanNameQueryHref(name: string, serviceName: string): string {
  return queryHref({
    calculations: [{ op: 'P95', column: 'duration_ms' }, { op: 'COUNT' }],
    filters: [
      { column: 'name', op: '=', value: name },
      { column: 'service.name', op: '=', value: serviceName },
    ],
    time_range: 24 * 60 * 60,
  })
}

/** Everything about one span: attributes, resource, events (exceptions with their stack), links, status and its Rollbar items. */
export function SpanDetails({
  span,
  startOffsetMs,
  resource,
  rollbarItems,
  traceId,
  hasSpan = () => false,
  selfTimeMs,
  rowLabel,
}: {
  traceId: string
  span: SpanModel
  startOffsetMs: number
  resource: Attribute[]
  rollbarItems: TraceLinkedItem[]
  /** whether the span's trace has a span with this id (span-id attributes then select it in place) */
  hasSpan?: (spanId: string) => boolean
  /** the span's duration minus the union of its children's (`selfTimes`) */
  selfTimeMs?: number
  /** the row's label when it is not the span's name (a fetch span's method and path) */
  rowLabel?: string
}) {
  const hrefOf = linksOf(rollbarItems, { traceId, hasSpan })
  return (
    <aside className="side-panel" aria-label="Span details" data-testid="span-details">
      <h2>{span.name || '(unnamed span)'}</h2>
      <dl className="kv">
        {rowLabel && rowLabel !== span.name ? (
          <>
            <dt>shown as</dt>
            <dd>{rowLabel}</dd>
          </>
        ) : null}
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
        {selfTimeMs !== undefined ? (
          <>
            <dt>self time</dt>
            <dd data-testid="self-time">
              {formatDuration(selfTimeMs)}
              {span.durationMs > 0 ? <span className="muted"> ({Math.round((selfTimeMs / span.durationMs) * 100)}% of the span)</span> : null}
            </dd>
          </>
        ) : null}
        <dt>starts at</dt>
        <dd>+{formatDuration(startOffsetMs)}</dd>
        <dt>span id</dt>
        <dd>{span.spanId}</dd>
        <dt>parent</dt>
        <dd>{span.parentSpanId ?? '(root)'}</dd>
        <dt>scope</dt>
        <dd>{span.scope.name ? `${span.scope.name}${span.scope.version ? ` ${span.scope.version}` : ''}` : '–'}</dd>
      </dl>
      <p>
        <Link href={spanNameQueryHref(span.name, span.serviceName)} data-testid="span-name-query">
          P95 of this span&apos;s name over time
        </Link>
      </p>
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
      <AttributeList attributes={span.attributes} empty="No attributes." hrefOf={hrefOf} />
      <h3>Events</h3>
      {span.events.length === 0 ? (
        <p className="muted">No events.</p>
      ) : (
        span.events.map((event, index) => {
          const stack = findAttribute(event.attributes, 'exception.stacktrace')
          return (
            <div key={index} className="panel" style={{ marginBottom: 6 }}>
              <strong className={event.name === 'exception' ? 'error-text' : undefined}>{event.name}</strong>{' '}
              <span className="muted" data-testid="event-offset" title="from the span's start">
                {offsetText(eventOffsetMs(span.startTimeUnixNano, event.timeUnixNano))}
              </span>
              <AttributeList attributes={event.attributes.filter((attribute) => attribute.key !== 'exception.stacktrace')} empty="" hrefOf={hrefOf} />
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
              <AttributeList attributes={link.attributes} empty="" hrefOf={hrefOf} />
            </li>
          ))}
        </ul>
      )}
      <h3>Resource</h3>
      <AttributeList attributes={resource} empty="No resource attributes." hrefOf={hrefOf} />
    </aside>
  )
}

/** "+12.3ms" from the span's start ("−0.5ms" for an event a skewed clock put before it) */
function offsetText(offsetMs: number): string {
  return offsetMs < 0 ? `−${formatDuration(-offsetMs)}` : `+${formatDuration(offsetMs)}`
}
