/**
 * The exporter page: a renderer entry of its own that draws a rig's animation with the same
 * RigView the editor's viewport uses and posts every frame's pixels back to the host. Headless
 * (CLI, tests) it runs in a Chromium the exporter launches, talking HTTP to a local server.
 */
import 'pixi.js/unsafe-eval'
import type { RenderJob } from '../../core/export/atlas/renderJob'
import { fromWireJson } from '../../core/wire/wireJson'
import { renderJob } from './renderJob'

const statusLine = document.getElementById('status')
const base = new URL('.', location.href)

function status(text: string): void {
  if (statusLine) statusLine.textContent = text
}

async function post(path: string, body: BodyInit, type = 'application/json'): Promise<void> {
  const res = await fetch(new URL(`api/${path}`, base), {
    method: 'POST',
    body,
    headers: { 'content-type': type },
  })
  if (!res.ok) throw new Error(`the exporter host refused ${path} (HTTP ${res.status})`)
}

async function run(): Promise<void> {
  try {
    const res = await fetch(new URL('api/job', base))
    if (!res.ok) throw new Error(`no render job (HTTP ${res.status})`)
    await renderJob(fromWireJson(await res.text()) as RenderJob, {
      urlFor: (path) => new URL(`rig/${path}`, base).href,
      ready: (info) => post('ready', JSON.stringify(info)),
      frames: (first, count, cols, pixels) =>
        post(
          `frames?first=${first}&count=${count}&cols=${cols}`,
          pixels as Uint8Array<ArrayBuffer>,
          'application/octet-stream',
        ),
      progress: (done, total) => status(`Rendered ${done} of ${total} frames`),
    })
    await post('done', '{}')
    status('Done.')
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    status(`Failed: ${message}`)
    await post('error', JSON.stringify({ message })).catch(() => undefined)
  }
}

// Errors outside the render loop (a failed import, a lost WebGL context) still reach the host.
addEventListener(
  'error',
  (e) => void post('error', JSON.stringify({ message: e.message })).catch(() => undefined),
)
addEventListener(
  'unhandledrejection',
  (e) => void post('error', JSON.stringify({ message: String(e.reason) })).catch(() => undefined),
)

void run()
