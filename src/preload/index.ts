import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'

/**
 * The only thing the renderer gets from Electron: `window.toonmoBridge`, with `call` for API
 * methods and `on` for events. ipcRenderer itself is never exposed.
 */
const bridge = {
  call: (
    method: string,
    args: unknown[],
  ): Promise<{ result?: unknown; error?: { message: string; kind: string } }> =>
    ipcRenderer.invoke('toonmo:call', method, args),
  /** The path of a file dropped on the window (Electron knows it; a browser never does). */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  on: (listener: (event: { channel: string; payload: unknown }) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, event: { channel: string; payload: unknown }) =>
      listener(event)
    ipcRenderer.on('toonmo:event', wrapped)
    return () => ipcRenderer.removeListener('toonmo:event', wrapped)
  },
}

export type ToonmoBridge = typeof bridge

contextBridge.exposeInMainWorld('toonmoBridge', bridge)
