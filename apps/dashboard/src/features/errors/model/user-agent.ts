// A small user-agent reader for the browsers and systems an occurrence most often comes from. The dashboard has no
// user-agent library among its dependencies, and this needs only names and major versions, shown as text.

export interface UserAgentPart {
  name: string
  /** as the user agent gives it ("126", "17.4", "10.15.7"), or null when it gives none */
  version: string | null
}

export interface ParsedUserAgent {
  browser: UserAgentPart | null
  os: UserAgentPart | null
}

// Order matters: Edge and Opera say "Chrome" and "Safari" too, Chrome says "Safari", Chrome on iOS says "Safari" only.
const BROWSERS: { name: string; pattern: RegExp }[] = [
  { name: 'Edge', pattern: /\b(?:Edg|Edge|EdgA|EdgiOS)\/(\d+(?:\.\d+)?)/ },
  { name: 'Opera', pattern: /\b(?:OPR|OPiOS)\/(\d+(?:\.\d+)?)/ },
  { name: 'Samsung Internet', pattern: /\bSamsungBrowser\/(\d+(?:\.\d+)?)/ },
  { name: 'Firefox', pattern: /\b(?:Firefox|FxiOS)\/(\d+(?:\.\d+)?)/ },
  { name: 'Chrome', pattern: /\b(?:Chrome|CriOS)\/(\d+(?:\.\d+)?)/ },
  { name: 'Chromium', pattern: /\bChromium\/(\d+(?:\.\d+)?)/ },
  { name: 'Safari', pattern: /\bVersion\/(\d+(?:\.\d+)?)(?:\.\d+)*(?: Mobile\/\w+)? Safari\// },
]

const WINDOWS_NT: Record<string, string> = { '10.0': '10/11', '6.3': '8.1', '6.2': '8', '6.1': '7', '6.0': 'Vista', '5.1': 'XP' }

function readOs(ua: string): UserAgentPart | null {
  const ios = /\b(?:iPhone|iPad|iPod)\b.*?\bOS (\d+(?:_\d+)*)/.exec(ua)
  if (ios) return { name: 'iOS', version: ios[1]!.replace(/_/g, '.') }
  const android = /\bAndroid(?: (\d+(?:\.\d+)*))?/.exec(ua)
  if (android) return { name: 'Android', version: android[1] ?? null }
  const windows = /\bWindows NT (\d+\.\d+)/.exec(ua)
  if (windows) return { name: 'Windows', version: WINDOWS_NT[windows[1]!] ?? windows[1]! }
  if (/\bWindows\b/.test(ua)) return { name: 'Windows', version: null }
  if (/\bCrOS\b/.test(ua)) return { name: 'ChromeOS', version: null }
  const mac = /\bMac OS X (\d+(?:[_.]\d+)*)/.exec(ua)
  if (mac) return { name: 'macOS', version: mac[1]!.replace(/_/g, '.') }
  if (/\bMacintosh\b/.test(ua)) return { name: 'macOS', version: null }
  if (/\bLinux\b/.test(ua)) return { name: 'Linux', version: null }
  return null
}

/** Browser and operating system of a user-agent string; null parts where it names neither. */
export function parseUserAgent(ua: string | null | undefined): ParsedUserAgent {
  if (!ua) return { browser: null, os: null }
  let browser: UserAgentPart | null = null
  for (const { name, pattern } of BROWSERS) {
    const match = pattern.exec(ua)
    if (match) {
      browser = { name, version: match[1]!.split('.')[0]! }
      break
    }
  }
  return { browser, os: readOs(ua) }
}

function partText(part: UserAgentPart): string {
  return part.version ? `${part.name} ${part.version}` : part.name
}

/** "Chrome 126 on Windows 10/11", "Firefox 127", "macOS 10.15.7", or null when nothing was recognised. */
export function describeUserAgent(parsed: ParsedUserAgent): string | null {
  if (parsed.browser && parsed.os) return `${partText(parsed.browser)} on ${partText(parsed.os)}`
  if (parsed.browser) return partText(parsed.browser)
  if (parsed.os) return partText(parsed.os)
  return null
}
