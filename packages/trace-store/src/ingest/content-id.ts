import { createHash } from 'node:crypto'

const ID_BYTES = 6 // 48 bits: a safe integer, and collisions stay out of reach for the few thousand resources a store sees

/**
 * The row id of a `resources` or `scopes` entry, derived from its JSON text,
 * so that ingest workers can label spans without asking the database. The
 * writer checks that an id it inserts is not already taken by other text.
 */
export function contentId(json: string): number {
  return createHash('sha256').update(json).digest().readUIntBE(0, ID_BYTES)
}
