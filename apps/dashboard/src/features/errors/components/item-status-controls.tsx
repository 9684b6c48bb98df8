'use client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ApiError } from '../../common/api-client'
import type { RollbarItem } from '../model/rollbar-model'
import { itemQuery, setItemStatus } from '../queries'
import styles from './item-page.module.css'

type SettableStatus = 'active' | 'resolved' | 'muted'

const ACTIONS: { status: SettableStatus; label: string; showWhen: (status: string) => boolean }[] = [
  { status: 'resolved', label: 'Resolve', showWhen: (status) => status !== 'resolved' },
  { status: 'muted', label: 'Mute', showWhen: (status) => status !== 'muted' },
  { status: 'active', label: 'Reopen', showWhen: (status) => status !== 'active' },
]

/** The item's status and the buttons that change it upstream (Rollbar's, or the store's). */
export function ItemStatusControls({ item }: { item: RollbarItem }) {
  const queryClient = useQueryClient()
  const change = useMutation({
    mutationFn: (status: SettableStatus) => setItemStatus(item.id, status),
    onSuccess: (result) => {
      queryClient.setQueryData(itemQuery(item.id).queryKey, (current) => (current ? { ...current, status: result.status } : current))
      void queryClient.invalidateQueries({ queryKey: ['rollbar-items'] })
    },
  })
  const error = change.error
  return (
    <div className={styles.statusBar}>
      <span>
        Status:{' '}
        <span className={styles.status} data-status={item.status} data-testid="item-status">
          {item.status}
        </span>
      </span>
      {ACTIONS.filter((action) => action.showWhen(item.status)).map((action) => (
        <button key={action.status} type="button" disabled={change.isPending} onClick={() => change.mutate(action.status)}>
          {action.label}
        </button>
      ))}
      {change.isPending ? (
        <span className="muted" role="status">
          Saving…
        </span>
      ) : null}
      {error ? (
        <span className="error-text" role="alert" data-testid="item-status-error">
          Could not change the status: {error.message}
          {error instanceof ApiError && error.status === 403 ? ' (the dashboard only accepts changes from its own pages)' : ''}
        </span>
      ) : null}
    </div>
  )
}
