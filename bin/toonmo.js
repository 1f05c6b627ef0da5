#!/usr/bin/env node
// Entry for `npx toonmo` / the package bin. The CLI is TypeScript; tsx compiles it on the fly so a
// checkout needs no build step before the CLI works.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
