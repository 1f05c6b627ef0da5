import type {
  DetectorConfig,
  HostToPage,
  PageToHost,
  WireReady,
  WirePull,
  WireResult,
} from '../../core/keypoints/detectorProtocol'

/**
 * The page's view of whoever feeds it frames. Two transports carry the same messages: HTTP to the
 * headless runner's local server, and a MessagePort from Electron's main process.
 */
export interface DetectorHost {
  config(): Promise<DetectorConfig>
  ready(info: WireReady): Promise<void>
  /**
   * The next frame (see encodeFrame), or null when there are no more; hands over the results
   * detected since the previous call in the same message.
   */
  nextFrame(results: WireResult[]): Promise<ArrayBuffer | null>
  /** Hands over the last results, after the last frame. */
  results(results: WireResult[]): Promise<void>
  fail(message: string): Promise<void>
}

/** Talks to the headless runner's server: `api/*` beside the page, behind its per-run token. */
export function httpHost(base: URL): DetectorHost {
  const api = (path: string): string => new URL(`api/${path}`, base).toString()
  const post = async (path: string, body: unknown): Promise<void> => {
    const response = await fetch(api(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`host refused ${path}: HTTP ${response.status}`)
  }
  return {
    async config() {
      const response = await fetch(api('config'))
      if (!response.ok) throw new Error(`no detector config: HTTP ${response.status}`)
      return (await response.json()) as DetectorConfig
    },
    ready: (info) => post('ready', info),
    async nextFrame(results) {
      const response = await fetch(api('frame'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ results } satisfies WirePull),
      })
      if (response.status === 204) return null
      if (!response.ok) throw new Error(`host could not give a frame: HTTP ${response.status}`)
      return response.arrayBuffer()
    },
    results: (results) => post('results', { results } satisfies WirePull),
    fail: (message) => post('error', { message }),
  }
}

/**
 * Talks over a MessagePort (Electron: main posts one end to the hidden window). The page pulls
 * each frame with a 'pull' message; frames arrive as transferred ArrayBuffers, never copied.
 */
export function messagePortHost(port: MessagePort): DetectorHost {
  let config: DetectorConfig | undefined
  const configWaiters: ((c: DetectorConfig) => void)[] = []
  const frameWaiters: ((b: ArrayBuffer | null) => void)[] = []
  port.onmessage = (event: MessageEvent<HostToPage>) => {
    const message = event.data
    if (message.type === 'config') {
      config = message.config
      for (const resolve of configWaiters.splice(0)) resolve(message.config)
    } else {
      frameWaiters.shift()?.(message.type === 'frame' ? message.buffer : null)
    }
  }
  port.start()
  const send = (message: PageToHost): Promise<void> => {
    port.postMessage(message)
    return Promise.resolve()
  }
  return {
    config: () => (config ? Promise.resolve(config) : new Promise((r) => configWaiters.push(r))),
    ready: (info) => send({ type: 'ready', info }),
    nextFrame(results) {
      const next = new Promise<ArrayBuffer | null>((r) => frameWaiters.push(r))
      port.postMessage({ type: 'pull', results } satisfies PageToHost)
      return next
    },
    results: (results) => send({ type: 'results', results }),
    fail: (message) => send({ type: 'error', message }),
  }
}
