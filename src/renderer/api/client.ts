import type { ApiEvents, ToonmoApi } from '../../main/api/index'
import { fromWireJson } from '../../core/wire/wireJson'
import type { ToonmoBridge } from '../../preload/index'

declare global {
  interface Window {
    toonmoBridge?: ToonmoBridge
  }
}

/** An API failure with the kind main attached (e.g. 'tooNew', 'notAProject', 'badArguments'). */
export class ApiCallError extends Error {
  override name = 'ApiCallError'
  constructor(
    message: string,
    readonly kind: string,
  ) {
    super(message)
  }
}

type Transport = (method: string, args: unknown[]) => Promise<unknown>
type EventListener = (event: { channel: string; payload: unknown }) => void

/** In Electron: the preload bridge. In a browser (`toonmo serve`): HTTP with the per-run token. */
function createTransport(): { call: Transport; subscribe(listener: EventListener): () => void } {
  const bridge = window.toonmoBridge
  if (bridge) {
    return {
      async call(method, args) {
        const reply = await bridge.call(method, args)
        if (reply.error) throw new ApiCallError(reply.error.message, reply.error.kind)
        return reply.result
      },
      subscribe: (listener) => bridge.on(listener),
    }
  }
  const params = new URLSearchParams(location.search)
  const token = params.get('token') ?? sessionStorage.getItem('toonmo-token') ?? ''
  sessionStorage.setItem('toonmo-token', token)
  const listeners = new Set<EventListener>()
  let source: EventSource | undefined
  return {
    async call(method, args) {
      const response = await fetch(`./api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Toonmo-Token': token },
        body: JSON.stringify(args),
      })
      const body = fromWireJson(await response.text()) as {
        result?: unknown
        error?: { message: string; kind: string }
      }
      if (body.error) throw new ApiCallError(body.error.message, body.error.kind)
      return body.result
    },
    subscribe(listener) {
      listeners.add(listener)
      source ??= new EventSource(`./api/events?token=${encodeURIComponent(token)}`)
      source.onmessage = (e: MessageEvent<string>) => {
        const event = fromWireJson(e.data) as { channel: string; payload: unknown }
        for (const l of listeners) l(event)
      }
      return () => listeners.delete(listener)
    },
  }
}

const transport = createTransport()

/** The typed API: `await api['project.open'](path)`. Types come from main's implementation. */
export const api = new Proxy({} as ToonmoApi, {
  get:
    (_target, method: string) =>
    (...args: unknown[]) => {
      // JSON turns a trailing `undefined` into null, which optional arguments rightly refuse.
      while (args.length > 0 && args.at(-1) === undefined) args.pop()
      return transport.call(method, args)
    },
})

export function onApiEvent<K extends keyof ApiEvents>(
  channel: K,
  listener: (payload: ApiEvents[K]) => void,
): () => void {
  return transport.subscribe((event) => {
    if (event.channel === channel) listener(event.payload as ApiEvents[K])
  })
}

export const isElectron = Boolean(window.toonmoBridge)

/**
 * A path main can open for a file dropped on the window: Electron tells us the real path; in a
 * browser the bytes are sent to `toonmo serve`, which keeps them in its imports folder.
 */
export async function pathForDroppedFile(file: File): Promise<string> {
  const bridge = window.toonmoBridge
  if (bridge) return bridge.pathForFile(file)
  const token = sessionStorage.getItem('toonmo-token') ?? ''
  const response = await fetch(`./api/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'X-Toonmo-Token': token, 'Content-Type': 'application/octet-stream' },
    body: file,
  })
  const body = (await response.json()) as {
    result?: { path: string }
    error?: { message: string; kind: string }
  }
  if (!body.result)
    throw new ApiCallError(body.error?.message ?? 'Upload failed', body.error?.kind ?? 'upload')
  return body.result.path
}
