import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { appRoot } from '../paths'
import type { ApiContext } from './method'
import { method } from './method'

const version = (
  JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }
).version

export function appMethods(ctx: ApiContext) {
  return {
    'app.info': method(z.tuple([]), async () => ({
      version,
      mode: ctx.mode,
      platform: process.platform,
      hasNativeDialogs: Boolean(ctx.dialogs),
    })),
  }
}
