import { defineConfig } from 'vite'
import { documentTracePlugin } from './server/document-trace-plugin.js'

export default defineConfig({
  // the server that serves index.html traces it and hands its trace to the page's document load (see the plugin)
  plugins: [documentTracePlugin()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    target: 'es2020',
    // maps are written beside the scripts but not named in them, so browsers do not load them; `npm start` lets the
    // store fetch them from the SPA's origin to show error frames at their original place
    sourcemap: 'hidden',
    rollupOptions: {
      onwarn(warning, warn) {
        // TanStack Query ships 'use client' directives for RSC frameworks; meaningless in an SPA bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return
        warn(warning)
      },
    },
  },
  server: { host: '127.0.0.1', port: 3000, strictPort: true },
  preview: { host: '127.0.0.1', port: 3000, strictPort: true },
})
