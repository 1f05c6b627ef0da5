import { ipcRenderer } from 'electron'

/**
 * The hidden detector window's preload: it exposes nothing. Main sends one end of a
 * MessageChannel over IPC; this hands the port to the page (the main world), which then talks
 * to main directly over it (src/renderer/detector/hosts.ts, messagePortHost).
 */
ipcRenderer.once('toonmo-detector-port', (event) => {
  window.postMessage({ type: 'toonmo-detector-port' }, '*', event.ports)
})
