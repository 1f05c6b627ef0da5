import { BrowserWindow, MessageChannelMain } from 'electron'
import { join } from 'node:path'
import type { DetectorFiles } from '../services/detection/detectorFiles'
import { serveDetectorFiles } from '../services/detection/detectorFiles'
import { ElectronDetector } from '../services/detection/electronDetector'
import { runBelowNormal } from '../services/processPriority'

/** Its own session, so the main window's CSP rewrite (createMainWindow) never touches it. */
const DETECTOR_PARTITION = 'toonmo-detector'

/** Started once, on the first detection. */
let serving: Promise<DetectorFiles> | undefined
function detectorFiles(): Promise<DetectorFiles> {
  serving ??= serveDetectorFiles()
  serving.catch(() => (serving = undefined))
  return serving
}

/**
 * Detection in Electron: each run opens a hidden window on the detector page and hands it one
 * end of a MessageChannel (through the detector preload); the main process feeds it the frames
 * its ffmpeg decoder produces over that port. No second browser is launched.
 */
export function electronDetector(preloadDir: string): ElectronDetector {
  return new ElectronDetector({
    async openPage(onGone) {
      const files = await detectorFiles()
      const win = new BrowserWindow({
        show: false,
        width: 320,
        height: 240,
        webPreferences: {
          preload: join(preloadDir, 'detector.cjs'),
          partition: DETECTOR_PARTITION,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          // A hidden window's timers are throttled by default; detection must run at full speed.
          backgroundThrottling: false,
        },
      })
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
      win.webContents.on('will-navigate', (event) => event.preventDefault())
      win.webContents.on('render-process-gone', (_event, details) =>
        onGone(`the detector window's renderer is gone (${details.reason})`),
      )
      try {
        await win.loadURL(files.pageUrl)
      } catch (error) {
        win.destroy()
        throw new Error(
          `could not load the detector page: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        )
      }
      // Detection is batch work: its renderer yields to the main window's.
      runBelowNormal(win.webContents.getOSProcessId())
      const { port1, port2 } = new MessageChannelMain()
      win.webContents.postMessage('toonmo-detector-port', null, [port2])
      return {
        port: port1,
        modelUrl: files.modelUrl,
        wasmBase: files.wasmBase,
        close: () => win.destroy(),
      }
    },
  })
}
