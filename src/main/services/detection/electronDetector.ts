import type { DetectorConfig, PageToHost } from '../../../core/keypoints/detectorProtocol'
import { encodeFrame } from '../../../core/keypoints/detectorProtocol'
import type { DetectorBackend, DetectorRunOptions } from './detectorRun'
import { detectorSettingsConfig, runFeed } from './detectorRun'

/**
 * The main-process end of a MessageChannelMain (Electron's MessagePortMain), described
 * structurally so this file needs no electron import: the Electron bootstrap passes the real one.
 */
export interface MainPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  start(): void
  close(): void
}

/** A hidden window with the detector page loaded, and the port that talks to it. */
export interface DetectorWindow {
  port: MainPort
  /** Where that window loads each pose model and tasks-vision's wasm folder from. */
  modelUrl(model: DetectorRunOptions['settings']['model']): string
  wasmBase: string
  close(): void
}

/**
 * What the Electron bootstrap provides (src/main/electron/detectorWindow.ts): a hidden
 * BrowserWindow on the detector page whose preload forwards a MessagePort to the page with
 * `window.postMessage({ type: 'toonmo-detector-port' }, '*', [port])`. `onGone` is told if the
 * window's renderer dies mid-run, so the run fails instead of waiting forever.
 */
export interface ElectronDetectorHost {
  openPage(onGone: (reason: string) => void): Promise<DetectorWindow>
}

/**
 * Runs detection in Electron's hidden detector window, with the same pull protocol as the
 * headless runner: the page asks for each frame ('pull'), frames travel as one binary
 * ArrayBuffer each (structured clone, never JSON), results come back in order on the next pull.
 */
export class ElectronDetector implements DetectorBackend {
  constructor(private readonly host: ElectronDetectorHost) {}

  async run(options: DetectorRunOptions): Promise<void> {
    const { settings } = options
    const feed = runFeed(options)
    const page = await this.host.openPage((reason) => feed.fail(new Error(reason)))
    const { port } = page
    const config: DetectorConfig = {
      modelUrl: page.modelUrl(settings.model),
      wasmBase: page.wasmBase,
      ...detectorSettingsConfig(settings),
    }
    port.on('message', (event) => {
      const message = event.data as PageToHost
      switch (message.type) {
        case 'ready':
          feed.markReady(message.info)
          break
        case 'pull':
          for (const result of message.results) feed.result(result)
          feed.pull().then(
            (frame) =>
              port.postMessage(
                frame ? { type: 'frame', buffer: encodeFrame(frame) } : { type: 'end' },
              ),
            () => port.postMessage({ type: 'end' }),
          )
          break
        case 'results':
          for (const result of message.results) feed.result(result)
          break
        case 'error':
          feed.fail(new Error(`the detector page failed: ${message.message}`))
          break
      }
    })
    port.start()
    port.postMessage({ type: 'config', config })
    try {
      await feed.done
    } finally {
      port.close()
      page.close()
    }
  }

  async close(): Promise<void> {}
}
