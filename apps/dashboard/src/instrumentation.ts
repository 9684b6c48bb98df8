// Runs once when the Next.js server starts: fail fast on a bad configuration, naming the variable.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvAtBoot } = await import('./server/boot')
    checkEnvAtBoot()
  }
}
