'use client'
import Link from 'next/link'
import { useState } from 'react'
import { AbsoluteTime } from '../../common/components/time-zone'
import type { RollbarOccurrence } from '../model/rollbar-model'
import styles from './item-page.module.css'
import { OccurrenceView, occurrenceOrigin, traceHref } from './occurrence-view'

/** Newest first, ties by id: the order the list is shown in whatever order the upstream answered. */
export function newestFirst(occurrences: readonly RollbarOccurrence[]): RollbarOccurrence[] {
  return [...occurrences].sort((a, b) => b.timestampSec - a.timestampSec || b.id - a.id)
}

/** One line per occurrence (time, environment, browser/OS or host, trace link); the newest open, a click opens another. */
export function OccurrenceList({ occurrences }: { occurrences: RollbarOccurrence[] }) {
  const ordered = newestFirst(occurrences)
  const [chosenId, setChosenId] = useState<number | null>(null)
  const openId = ordered.some((occurrence) => occurrence.id === chosenId) ? chosenId : (ordered[0]?.id ?? null)
  return (
    <ol className={styles.occurrences} aria-label="Occurrences, newest first">
      {ordered.map((occurrence) => {
        const open = occurrence.id === openId
        const origin = occurrenceOrigin(occurrence)
        const href = traceHref(occurrence)
        const bodyId = `occurrence-${occurrence.id}`
        return (
          <li key={occurrence.id} className={styles.occurrence} data-testid="occurrence" data-open={open ? 'true' : 'false'}>
            <div className={styles.summary}>
              <button
                type="button"
                className={styles.summaryButton}
                aria-expanded={open}
                aria-controls={open ? bodyId : undefined}
                onClick={() => setChosenId(occurrence.id)}
              >
                <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                <span>
                  <AbsoluteTime ms={occurrence.timestampSec * 1000} />
                </span>
                <span className={`badge ${occurrence.level}`}>{occurrence.level}</span>
                <span className="badge">{occurrence.environment || 'no environment'}</span>
                {origin ? <span className="muted">{origin}</span> : null}
                <span className="muted mono">#{occurrence.id}</span>
              </button>
              {href ? (
                <Link href={href} className="mono" data-testid="occurrence-trace-link">
                  trace {occurrence.traceId!.slice(0, 8)}…
                </Link>
              ) : null}
            </div>
            {open ? (
              <div id={bodyId} className={styles.body}>
                <OccurrenceView occurrence={occurrence} />
              </div>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
