import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { SpanlightErrorBoundary, SpanlightProvider } from '@spanlight/web-tracing/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.js'
import { redirectHashPath } from './routing/use-route.js'
import './styles.css'
import { tracing } from './tracing.js'

redirectHashPath()

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 10_000 } } })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SpanlightProvider tracing={tracing} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <SpanlightErrorBoundary fallback={({ reset }) => <button onClick={reset}>Something broke. Try again</button>}>
          <App />
        </SpanlightErrorBoundary>
      </QueryClientProvider>
    </SpanlightProvider>
  </StrictMode>,
)
