import type { z } from 'zod'
import { AppError } from '../errors/app-error.js'

/** Parses request input with a schema; a mismatch becomes a 422 naming each wrong field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const seen = new Set<string>()
  const fields = parsed.error.issues
    .map((issue) => ({ field: issue.path.map(String).join('.') || 'body', message: issue.message }))
    .filter((problem) => !seen.has(problem.field) && seen.add(problem.field))
  throw AppError.invalidFields(fields)
}
