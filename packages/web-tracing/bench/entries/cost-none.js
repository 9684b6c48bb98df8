import { installFetchLoop } from './cost-loop.js'

installFetchLoop()
