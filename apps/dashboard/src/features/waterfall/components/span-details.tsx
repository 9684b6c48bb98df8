import Link from 'next/link'
import type { TraceLinkedItem } from '../../errors/model/rollbar-model'
import { attributeText, findAttribute, type Attribute, type SpanModel } from '../../traces/model/trace-model'
import { formatDuration } from '../model/time-layout'

/** The span attribute that names the Rollbar occurrence reported from the span (browser bridge and demo API alike). */
const ROLLBAR_ITEM_UUID = 'rollbar.item.uuid'

function AttributeList({ attributes, empty, hrefOf }: { attributes: Attribute[]; empty: string; hrefOf?: (attribute: Attribute) => string | undefined }) {
  if (attributes.length === 0) return <p className="muted">{empty}</p>
  return (
    <dl className="kv">
      {attributes.map((attribute, index) => {
        // values are untrusted: always rendered as text, and a link only to a page of ours
        const text = attributeText(attribute.value)
        const href = hrefOf?.(attribute)
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

/** `rollbar.item.uuid` links to the item whose occurrence has that uuid, when the trace's items include it. */
function itemLinkOf(rollbarItems: TraceLinkedItem[]) {
  return (attribute: Attribute) => {
    if (attribute.key !== ROLLBAR_ITEM_UUID) return undefined
    // senders write the uuid with or without dashes (rollbar.js keeps them, the store's API may not)
    const uuid = attributeText(attribute.value).replace(/-/g, '').toLowerCase()
    const item = rollbarItems.find((candidate) => candidate.uuid?.replace(/-/g, '').toLowerCase() === uuid)
    return item ? `/errors/${item.itemId}` : undefined
  }
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
      <AttributeList attributes={span.attributes} empty="No attributes." hrefOf={itemLinkOf(rollbarItems)} />
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
