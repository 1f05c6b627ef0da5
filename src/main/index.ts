import { app, BrowserWindow, dialog, Menu } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { JobRunner } from './api/index'
import type { ApiContext, ApiEvents } from './api/index'
import { createMainWindow } from './electron/createMainWindow'
import { electronDetector } from './electron/detectorWindow'
import { EVENT_CHANNEL, registerApi } from './electron/ipc'
import { buildMenu } from './electron/menu'
import { surviveStrayRejections } from './services/strayErrors'

// Bootstrap only: services live in ./services, the API in ./api.
surviveStrayRejections((text) => process.stderr.write(text))
const rendererUrl = process.env.ELECTRON_RENDERER_URL
const rendererDir = join(import.meta.dirname, '../renderer')
const preloadDir = join(import.meta.dirname, '../preload')

function send<K extends keyof ApiEvents>(channel: K, payload: ApiEvents[K]): void {
  for (const win of BrowserWindow.getAllWindows())
    win.webContents.send(EVENT_CHANNEL, { channel, payload })
}

const ctx: ApiContext = {
  mode: 'electron',
  // Detection runs in a hidden window of this app, fed frames over a MessagePort.
  detector: electronDetector(preloadDir),
  emit: send,
  dialogs: {
    async openFile({ title, extensions }) {
      const result = await dialog.showOpenDialog({
        title,
        properties: ['openFile'],
        filters: [{ name: title, extensions }],
      })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async saveFile({ title, defaultPath, extensions }) {
      const result = await dialog.showSaveDialog({
        title,
        defaultPath,
        filters: [{ name: title, extensions }],
      })
      return result.canceled ? null : (result.filePath ?? null)
    },
  },
}

function isTrustedSender(_contents: Electron.WebContents, url: string): boolean {
  if (rendererUrl) return url.startsWith(new URL(rendererUrl).origin)
  return url.startsWith(pathToFileURL(rendererDir).href)
}

const jobs = new JobRunner(ctx)
let mainWindow: BrowserWindow | null = null

function openMainWindow(): void {
  const win = createMainWindow(preloadDir, rendererUrl, rendererDir)
  mainWindow = win
  // The jobs run for this window. Left running, a detection would keep its hidden window open,
  // and with it the whole app, invisible, until the clip was done.
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null
    jobs.cancelAll()
  })
}

void app.whenReady().then(() => {
  registerApi(ctx, isTrustedSender, jobs)
  Menu.setApplicationMenu(buildMenu((command) => send('menu:command', { command })))
  openMainWindow()
  app.on('activate', () => {
    // (Not getAllWindows(): a detector's hidden window may still be closing.)
    if (!mainWindow) openMainWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

// Quitting with jobs running: cancel them and let them stop their ffmpeg processes and save
// what they did (a cancelled detection resumes next time), then quit for real.
let jobsStopped = false
app.on('will-quit', (event) => {
  if (jobsStopped || jobs.running === 0) return
  event.preventDefault()
  void jobs.stopAll(10_000).then(() => {
    jobsStopped = true
    app.quit()
  })
})
