// The detector page in a hidden window of a bare Electron binary: what `toonmo detect` and the
// other headless callers use when the only Chromium on the machine is Electron's. Started by
// src/main/services/detection/electronProcessDetector.ts with the page's URL; the page then talks
// to that process's local server over HTTP exactly as it does in headless Chromium. Exits with a
// message on stderr when the page cannot load or its renderer dies, so the run fails at once.
'use strict'
const { app, BrowserWindow } = require('electron')

const prefix = '--toonmo-detector-url='
const url = process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length)
if (!url) {
  console.error(`detectorHost: missing ${prefix}URL`)
  process.exit(2)
}
// tasks-vision needs WebGL even on its CPU delegate; SwiftShader provides it without a GPU.
app.commandLine.appendSwitch('enable-unsafe-swiftshader')

app.whenReady().then(() => {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      // A hidden window is otherwise throttled like a background tab.
      backgroundThrottling: false,
    },
  })
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`detectorHost: the detector page's renderer is gone (${details.reason})`)
    app.exit(3)
  })
  window.webContents.on('did-fail-load', (_event, code, description) => {
    console.error(`detectorHost: the detector page did not load: ${description} (${code})`)
    app.exit(4)
  })
  void window.loadURL(url)
})
app.on('window-all-closed', () => app.quit())
