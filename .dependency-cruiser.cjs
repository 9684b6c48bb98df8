// Which code may import which: the boundaries of STYLE.md, held by `npm run lint`
// (`depcruise --config .dependency-cruiser.cjs packages apps e2e`).
//
// The trace store's folders form one pipeline, and a folder imports only the
// folders before it:  otlp → ingest → store → query → http, with rollbar/ next
// to query/ (it reads the store, the server serves it). The root files
// (index.ts, helpers.ts, create-trace-store.ts, config.ts, cli*.ts) wire them
// together and are imported by none of them.

const STORE = '^packages/trace-store/src/'
const STORE_ROOT_FILES = `${STORE}[^/]+$`

/** A folder of the store may not import these (the folders after it, and the root files). */
function storeFolderRule(folder, laterFolders) {
  return {
    name: `trace-store-${folder}-one-way`,
    comment: `trace-store: ${folder}/ imports only the folders before it (otlp → ingest → store → query/rollbar → http)`,
    severity: 'error',
    from: { path: `${STORE}${folder}/` },
    to: { path: [`${STORE}(${laterFolders.join('|')})/`, STORE_ROOT_FILES] },
  }
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles that exist at run time (a cycle through type-only imports is left to the next rule).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'trace-store-no-circular',
      comment: 'trace-store: no import cycles at all, type-only imports included.',
      severity: 'error',
      from: { path: '^packages/trace-store/' },
      to: { circular: true },
    },
    {
      name: 'trace-store-otlp-wire-format-only',
      comment: 'trace-store: otlp/ is the wire format only and imports nothing else from src/',
      severity: 'error',
      from: { path: `${STORE}otlp/` },
      to: { path: STORE, pathNot: `${STORE}otlp/` },
    },
    storeFolderRule('ingest', ['store', 'query', 'rollbar', 'http']),
    storeFolderRule('store', ['query', 'rollbar', 'http']),
    storeFolderRule('query', ['rollbar', 'http']),
    storeFolderRule('rollbar', ['query', 'http']),
    storeFolderRule('http', []),
    {
      name: 'trace-store-runtime-without-test-helpers',
      comment: 'trace-store: what is published never imports the test helpers or the benchmark (tests may)',
      severity: 'error',
      from: { path: STORE, pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/trace-store/(test-support|bench)/' },
    },
    {
      name: 'web-tracing-core-without-react',
      comment: 'web-tracing: the core never imports the React bindings (subpath export ./react); tests of the export surface may',
      severity: 'error',
      from: { path: '^packages/web-tracing/src/', pathNot: ['^packages/web-tracing/src/react/', '\\.test\\.tsx?$'] },
      to: { path: '^packages/web-tracing/src/react/' },
    },
    {
      name: 'dashboard-features-without-server',
      comment: 'dashboard: features/ (client and server code alike) never import src/server/',
      severity: 'error',
      from: { path: '^apps/dashboard/src/features/' },
      to: { path: '^apps/dashboard/src/server/' },
    },
    {
      name: 'apps-through-public-entries',
      comment:
        'apps and e2e reach the packages only by package name, never by a relative path into them. (A bare deep import such as ' +
        "'@spanlight/trace-store/dist/x.js' is refused by the package's exports map, which tsc and Node enforce.)",
      severity: 'error',
      from: { path: '^(apps|e2e)/' },
      to: { path: '^packages/', dependencyTypes: ['local'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'A relative import that does not resolve. (Package imports resolve to dist/, which a fresh clone has not built yet.)',
      severity: 'error',
      from: { path: '^(packages|apps|e2e)/' },
      to: { couldNotResolve: true, path: '^[.]{1,2}/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|build|\\.next|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
  },
}
