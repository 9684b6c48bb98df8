// ns timestamps are stored as INTEGER (int64) and read back as BigInt, so
// nothing is lost to floating point.
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS resources (
  id INTEGER PRIMARY KEY,
  json TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS scopes (
  id INTEGER PRIMARY KEY,
  json TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS spans (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  parent_span_id TEXT,
  trace_state TEXT NOT NULL,
  flags INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  start_ns INTEGER NOT NULL,
  end_ns INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  status_message TEXT NOT NULL,
  service_name TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  scope_id INTEGER NOT NULL,
  attributes TEXT NOT NULL,
  dropped_attributes_count INTEGER NOT NULL,
  events TEXT NOT NULL,
  dropped_events_count INTEGER NOT NULL,
  links TEXT NOT NULL,
  dropped_links_count INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS spans_by_trace ON spans (trace_id, span_id);

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

CREATE TABLE IF NOT EXISTS trace_operations (
  trace_id TEXT NOT NULL,
  service_name TEXT NOT NULL,
  span_name TEXT NOT NULL,
  PRIMARY KEY (trace_id, service_name, span_name)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS operations (
  service_name TEXT NOT NULL,
  span_name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  PRIMARY KEY (service_name, span_name, kind)
) WITHOUT ROWID;

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
  last_activated_timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rollbar_items_by_last ON rollbar_items (last_occurrence_timestamp DESC, id DESC);

CREATE TABLE IF NOT EXISTS rollbar_occurrences (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL,
  uuid TEXT NOT NULL UNIQUE,
  timestamp INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rollbar_occurrences_by_item ON rollbar_occurrences (item_id, id DESC);
`
