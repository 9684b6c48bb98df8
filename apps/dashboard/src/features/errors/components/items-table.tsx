import Link from 'next/link'
import { RelativeTime } from '../../common/components/time-zone'
import type { RollbarItem } from '../model/rollbar-model'
import styles from './items-table.module.css'

export function ItemsTable({ items, caption }: { items: RollbarItem[]; caption: string }) {
  return (
    <div className={styles.scroll} data-testid="items-table-scroll">
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Title</th>
            <th scope="col">Environment</th>
            <th scope="col" className="num">
              Occurrences
            </th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-item-id={item.id}>
              <td>
                <span className={`badge ${item.level}`}>{item.level}</span>
              </td>
              <td>
                <Link href={`/errors/${item.id}`} className={styles.title} title={item.title}>
                  {item.title}
                </Link>
              </td>
              <td className={styles.nowrap}>{item.environment || '–'}</td>
              <td className="num">{item.totalOccurrences}</td>
              <td className={styles.nowrap}>
                <RelativeTime ms={item.firstOccurrenceSec * 1000} />
              </td>
              <td className={styles.nowrap}>
                <RelativeTime ms={item.lastOccurrenceSec * 1000} />
              </td>
              <td>{item.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
