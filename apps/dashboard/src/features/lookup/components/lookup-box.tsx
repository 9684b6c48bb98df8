import Form from 'next/form'
import { LOOKUP_HELP } from '../model/parse-lookup'

/** The header's lookup box: a GET form to /lookup, so it works before (and without) the scripts. */
export function LookupBox({ defaultValue = '' }: { defaultValue?: string }) {
  return (
    <Form action="/lookup" role="search" aria-label="Look up an id" className="lookup-box">
      <label>
        <span className="visually-hidden">Trace id, traceparent, span id or occurrence uuid</span>
        <input
          type="search"
          name="q"
          defaultValue={defaultValue}
          placeholder="trace id, span id or occurrence uuid"
          title={LOOKUP_HELP}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <button type="submit">Go</button>
    </Form>
  )
}
