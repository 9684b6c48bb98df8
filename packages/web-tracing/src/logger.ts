/** Every console line the package writes starts with this prefix. */
export const LOG_PREFIX = '[spanlight]'

export type LogLevel = 'debug' | 'warn' | 'error'

export interface Logger {
  debug(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
}

/**
 * The package's one levelled logger. `debug` lines are printed only when
 * `debug: true`; warnings and errors always. Never throws (a broken console
 * must not break the host app).
 */
export function createLogger(options: { debug: boolean; console?: Pick<Console, 'debug' | 'warn' | 'error'> }): Logger {
  const sink = options.console ?? (typeof console === 'undefined' ? undefined : console)
  const write = (level: LogLevel, message: string, details: unknown[]) => {
    if (!sink || (level === 'debug' && !options.debug)) return
    try {
      sink[level](`${LOG_PREFIX} ${message}`, ...details)
    } catch {
      // nothing sensible to do when the console itself fails
    }
  }
  return {
    debug: (message, ...details) => write('debug', message, details),
    warn: (message, ...details) => write('warn', message, details),
    error: (message, ...details) => write('error', message, details),
  }
}
