import type { NextConfig } from 'next'

// No telemetry from a local observability tool, however it is started (npm start, next start).
process.env.NEXT_TELEMETRY_DISABLED ??= '1'

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A 10,000-span trace is about 9 MB of JSON: gzip costs more time than it saves on the loopback this
  // dashboard normally runs on. Put a compressing reverse proxy in front when serving it over a network.
  compress: false,
  reactStrictMode: true,
  // Browsers never see upstream URLs or tokens, and no source maps of server code are shipped.
  productionBrowserSourceMaps: false,
}

export default nextConfig
