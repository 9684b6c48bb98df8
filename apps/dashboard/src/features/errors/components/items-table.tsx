import Link from 'next/link'
import { formatUnixSec } from '../../common/model/format'
import type { RollbarItem } from '../model/rollbar-model'

export function ItemsTable({ items, caption }: { items: RollbarItem[]; caption: string }) {
  return (
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
              <Link href={`/errors/${item.id}`}>{item.title}</Link>
            </td>
            <td>{item.environment || '–'}</td>
            <td className="num">{item.totalOccurrences}</td>
            <td>{formatUnixSec(item.firstOccurrenceSec)}</td>
            <td>{formatUnixSec(item.lastOccurrenceSec)}</td>
            <td>{item.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
