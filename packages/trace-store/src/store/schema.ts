// ns timestamps are stored as INTEGER (int64) and read back as BigInt, or as
// decimal strings inside span JSON, so nothing is lost to floating point.
/**
 * Bumped whenever a table or what a column holds changes; a database written with another version is refused, not
 * misread. 5: a chunk's spans are stored by start time and each outline line leads with the span's durationMs.
 * 6: digest_filters. 7: operations get ids (named by each span's index entry) and, with resources and scopes, the
 * count of stored spans that refer to them, so retention deletes the rows no span refers to any more; Rollbar
 * occurrences are indexed by timestamp for retention by age. 8: Rollbar occurrences are indexed by trace, span and
 * session id, and items keep when they were last resolved (schema-upgrades.ts brings a version 7 file up to date).
 */
export const SCHEMA_VERSION = 8

export const SCHEMA_SQL = `
-- ids of resources and scopes are derived from their JSON text (see content-id.ts); span_count: the stored spans
-- that refer to the row (see reference-counts.ts), which retention deletes at 0
CREATE TABLE IF NOT EXISTS resources (
  id INTEGER PRIMARY KEY,
  json TEXT NOT NULL UNIQUE,
  span_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS scopes (
  id INTEGER PRIMARY KEY,
  json TEXT NOT NULL UNIQUE,
  span_count INTEGER NOT NULL
);
-- Spans are stored in chunks: the spans of one trace that arrived in one
-- batch, as one compressed JSON array. One row per trace per batch instead of one per span
-- is what lets ingest keep up with decoding (see the benchmark).
CREATE TABLE IF NOT EXISTS span_chunks (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL,
  -- per span: id, start, end, resource, scope and its place in the JSON text
  -- (see span-chunk-codec.ts): for de-duplication and for serving a trace
  -- without parsing its spans
  span_index TEXT NOT NULL,
  -- the chunk's distinct scalar attributes, for attribute search (see attribute-digest.ts)
  attribute_digest TEXT NOT NULL,
  -- brotli-compressed JSON array of spans (see span-chunk-codec.ts)
  spans BLOB NOT NULL,
  -- brotli-compressed span outlines, one per line: what a waterfall needs (see span-chunk-codec.ts)
  outline BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS span_chunks_by_trace ON span_chunks (trace_id);
-- a Bloom filter of the attribute digest lines of each run of 256 span_chunks ids, in parts (see digest-filter.ts)
CREATE TABLE IF NOT EXISTS digest_filters (
  part INTEGER NOT NULL,
  segment INTEGER NOT NULL,
  bits BLOB NOT NULL,
  PRIMARY KEY (part, segment)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS traces (
  trace_id TEXT PRIMARY KEY,
  start_ns INTEGER NOT NULL,
  end_ns INTEGER NOT NULL,
  root_span_id TEXT NOT NULL,
  root_start_ns INTEGER NOT NULL,
  root_service_name TEXT NOT NULL,
  root_span_name TEXT NOT NULL,
  has_root INTEGER NOT NULL,
  span_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  services TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS traces_by_start ON traces (start_ns DESC, trace_id DESC);

-- id derived from the other three (see operation-id.ts); span_count as for resources
CREATE TABLE IF NOT EXISTS operations (
  id INTEGER PRIMARY KEY,
  service_name TEXT NOT NULL,
  span_name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  span_count INTEGER NOT NULL,
  UNIQUE (service_name, span_name, kind)
);

CREATE TABLE IF NOT EXISTS rollbar_items (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  level TEXT NOT NULL,
  status TEXT NOT NULL,
  environment TEXT NOT NULL,
  framework TEXT NOT NULL,
  platform TEXT NOT NULL,
  language TEXT NOT NULL,
  total_occurrences INTEGER NOT NULL,
  first_occurrence_id INTEGER NOT NULL,
  first_occurrence_timestamp INTEGER NOT NULL,
  last_occurrence_id INTEGER NOT NULL,
  last_occurrence_timestamp INTEGER NOT NULL,
  last_activated_timestamp INTEGER NOT NULL,
  -- unix seconds; null until the item is first resolved
  last_resolved_timestamp INTEGER
);
CREATE INDEX IF NOT EXISTS rollbar_items_by_last ON rollbar_items (last_occurrence_timestamp DESC, id DESC);

CREATE TABLE IF NOT EXISTS rollbar_occurrences (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL,
  uuid TEXT NOT NULL UNIQUE,
  timestamp INTEGER NOT NULL,
  data TEXT NOT NULL,
  -- what the occurrence links to, read from data.custom or data.attributes when it is recorded (occurrence-links.ts):
  -- RQL queries find occurrences by these without reading any JSON
  trace_id TEXT,
  span_id TEXT,
  session_id TEXT
);
CREATE INDEX IF NOT EXISTS rollbar_occurrences_by_item ON rollbar_occurrences (item_id, id DESC);
CREATE INDEX IF NOT EXISTS rollbar_occurrences_by_trace_id ON rollbar_occurrences (trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS rollbar_occurrences_by_span_id ON rollbar_occurrences (span_id) WHERE span_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS rollbar_occurrences_by_session_id ON rollbar_occurrences (session_id) WHERE session_id IS NOT NULL;
-- for retention by age (see rollbar-retention.ts)
CREATE INDEX IF NOT EXISTS rollbar_occurrences_by_timestamp ON rollbar_occurrences (timestamp);

-- source maps uploaded through POST /api/1/sourcemap (see source-map-store.ts); a new table changes nothing an older
-- store reads, and CREATE IF NOT EXISTS adds it to an existing database, so it needs no new SCHEMA_VERSION
CREATE TABLE IF NOT EXISTS rollbar_source_maps (
  -- AUTOINCREMENT: an id is never reused, so a parsed map cached under its id is never served for a re-upload
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  version TEXT NOT NULL,
  minified_url TEXT NOT NULL,
  map TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  uploaded_at_ms INTEGER NOT NULL,
  UNIQUE (version, minified_url)
);

-- queries saved by name (POST /api/saved-queries, see saved-queries.ts): a Honeycomb query spec as JSON; a new table
-- again, so no new SCHEMA_VERSION
CREATE TABLE IF NOT EXISTS saved_queries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
`
