import { z } from 'zod'

/** Longest message, in characters (code points), as in the Cruddur sample app. */
export const MAX_MESSAGE_LENGTH = 280
export const MAX_SEARCH_TERM_LENGTH = 100
export const MAX_HANDLE_LENGTH = 30

/** Messages the API answers with, exported so tests and clients can rely on them. */
export const INPUT_MESSAGES = {
  required: 'is required',
  mustBeText: 'must be text',
  messageEmpty: 'must not be empty',
  messageTooLong: `must be at most ${MAX_MESSAGE_LENGTH} characters`,
  handleInvalid: `must be 1 to ${MAX_HANDLE_LENGTH} letters, digits or underscores`,
  termEmpty: 'must not be empty',
  termTooLong: `must be at most ${MAX_SEARCH_TERM_LENGTH} characters`,
} as const

const text = z.string({
  error: (issue) => (issue.input === undefined || issue.input === null ? INPUT_MESSAGES.required : INPUT_MESSAGES.mustBeText),
})

export const handleSchema = text.trim().regex(/^[A-Za-z0-9_]{1,30}$/, { message: INPUT_MESSAGES.handleInvalid })

export const newActivitySchema = z.object(
  {
    handle: handleSchema,
    message: text
      .trim()
      .refine((message) => message.length > 0, { message: INPUT_MESSAGES.messageEmpty, abort: true })
      .refine((message) => [...message].length <= MAX_MESSAGE_LENGTH, { message: INPUT_MESSAGES.messageTooLong }),
  },
  { error: 'must be a JSON object' },
)

export const searchQuerySchema = z.object({
  term: text
    .trim()
    .refine((term) => term.length > 0, { message: INPUT_MESSAGES.termEmpty, abort: true })
    .refine((term) => term.length <= MAX_SEARCH_TERM_LENGTH, { message: INPUT_MESSAGES.termTooLong }),
})

export const notificationsQuerySchema = z.object({ handle: handleSchema.optional() })
