import { BrowserWindow, dialog, session } from 'electron'
import { join } from 'node:path'
import { contentSecurityPolicy } from '../server/contentSecurityPolicy'

/** The main window: sandboxed renderer, no Node, context isolation, strict CSP. */
export function createMainWindow(
  preloadDir: string,
  rendererUrl: string | undefined,
  rendererDir: string,
): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy],
      },
    })
  })
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#17191d',
    title: 'Toonmo',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  win.once('ready-to-show', () => win.show())
  // The renderer refuses to unload while the project has unsaved changes; ask the user.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Quit without saving', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'This project has unsaved changes.',
      detail: 'An autosave copy is kept, but changes since it would be lost.',
    })
    if (choice === 0) event.preventDefault()
  })
  // Never let the renderer open new windows or navigate elsewhere.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  if (rendererUrl) void win.loadURL(rendererUrl)
  else void win.loadFile(join(rendererDir, 'index.html'))
  return win
}
