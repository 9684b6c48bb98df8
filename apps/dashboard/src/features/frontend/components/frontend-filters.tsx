import Form from 'next/form'
import type { ReactNode } from 'react'
import { FRONTEND_RANGES, type FrontendRange } from '../model/frontend-params'

/**
 * The service and the time range, as a GET form: the choice is the URL (a link shows the same page), and it works
 * before the scripts have loaded. Browser services (web vitals or the browser SDK) are listed first.
 */
export function FrontendFilters({
  browserServices,
  otherServices,
  service,
  range,
  children,
}: {
  browserServices: string[]
  otherServices: string[]
  service: string | null
  range: FrontendRange
  children?: ReactNode
}) {
  return (
    <Form action="/frontend" className="filters" key={`${service}|${range.id}`} data-testid="frontend-filters">
      <label>
        Service
        <select name="service" defaultValue={service ?? ''}>
          {service !== null && !browserServices.includes(service) && !otherServices.includes(service) ? <option value={service}>{service}</option> : null}
          {browserServices.length > 0 ? (
            <optgroup label="Browser services">
              {browserServices.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </optgroup>
          ) : null}
          {otherServices.length > 0 ? (
            <optgroup label="Other services">
              {otherServices.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label>
        Time range
        <select name="range" defaultValue={range.id}>
          {FRONTEND_RANGES.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary">
        Show
      </button>
      {children}
    </Form>
  )
}
