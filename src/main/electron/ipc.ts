import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { createApi } from '../api/index'
import type { ApiContext, JobRunner } from '../api/index'
import { dispatch, serializeError } from '../api/dispatch'

/** The one IPC channel: every API call goes through `dispatch`, which validates arguments. */
export const CALL_CHANNEL = 'toonmo:call'
export const EVENT_CHANNEL = 'toonmo:event'

/**
 * Registers the API for the given windows. A call is answered only when it comes from the main
 * frame of one of our windows showing our own page, so an iframe or a navigated-away page
 * cannot reach the services.
 */
export function registerApi(
  ctx: ApiContext,
  isTrustedSender: (contents: WebContents, url: string) => boolean,
  jobs: JobRunner,
): void {
  const api = createApi(ctx, jobs)
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown) => {
    const frame = event.senderFrame
    if (!frame || frame !== event.sender.mainFrame || !isTrustedSender(event.sender, frame.url)) {
      return {
        error: {
          message: 'Refused: the call did not come from a Toonmo window.',
          kind: 'untrustedSender',
        },
      }
    }
    try {
      return { result: await dispatch(api, name, args) }
    } catch (error) {
      return { error: serializeError(error) }
    }
  })
}
