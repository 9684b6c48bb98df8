import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { ApiError, postActivity } from '../../api/api-client.js'
import { homeFeedQuery } from '../../api/queries.js'

export function PostForm() {
  const [handle, setHandle] = useState('andrewbrown')
  const [message, setMessage] = useState('')
  const queryClient = useQueryClient()
  const post = useMutation({
    mutationKey: ['activities', 'create'],
    meta: { spanName: 'activities create' },
    mutationFn: postActivity,
    onSuccess: () => {
      setMessage('')
      return queryClient.invalidateQueries({ queryKey: homeFeedQuery.queryKey })
    },
  })
  const fieldError = (field: string) => (post.error instanceof ApiError ? post.error.fields.find((problem) => problem.field === field)?.message : undefined)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    post.mutate({ handle, message })
  }
  const messageError = fieldError('message')
  const handleError = fieldError('handle')
  return (
    <section aria-labelledby="post-heading">
      <h2 id="post-heading">Post</h2>
      {/* named for its interaction span (`submit post activity`), as the form has no text of its own */}
      <form onSubmit={submit} noValidate data-spanlight-name="post activity">
        <label>
          Handle <input name="handle" value={handle} onChange={(event) => setHandle(event.target.value)} aria-invalid={Boolean(handleError)} />
        </label>
        {handleError && (
          <p className="field-error" data-field="handle">
            Handle {handleError}
          </p>
        )}
        <label>
          Message <textarea name="message" value={message} onChange={(event) => setMessage(event.target.value)} aria-invalid={Boolean(messageError)} />
        </label>
        {messageError && (
          <p className="field-error" data-field="message">
            Message {messageError}
          </p>
        )}
        <button type="submit" disabled={post.isPending}>
          Post
        </button>
      </form>
      {post.isSuccess && <p role="status">Posted.</p>}
      {post.error && !(post.error instanceof ApiError && post.error.fields.length > 0) && <p role="alert">Could not post: {post.error.message}</p>}
    </section>
  )
}
