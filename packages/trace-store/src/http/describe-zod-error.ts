import type { z } from 'zod'

/**
 * Turns a zod failure into one readable line naming each bad parameter. Exported to the dashboard through
 * `@spanlight/trace-store/helpers`, so its API routes word a bad query as the store does.
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown parameter(s): ${issue.keys.join(', ')}`
      const name = issue.path.filter((part) => typeof part === 'string').join('.')
      return name ? `${name}: ${issue.message}` : issue.message
    })
    .join('; ')
}
