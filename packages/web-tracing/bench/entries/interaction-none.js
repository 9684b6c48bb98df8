import { installClickLoop } from './interaction-loop.js'

installClickLoop()
