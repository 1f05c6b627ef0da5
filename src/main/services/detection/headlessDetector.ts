import { PipedChromium } from '../browser/pipedChromium'
import type { CdpEvent } from '../browser/pipedChromium'
import type { DetectorBackend, DetectorRunOptions } from './detectorRun'
import { serveRun } from './serveRun'

export type { DetectorBackend, DetectorRunOptions } from './detectorRun'

/** What a page's uncaught exception or console.error says, from a Runtime event. */
function pageErrorText(event: CdpEvent): string | undefined {
  if (event.method === 'Runtime.exceptionThrown') {
    const details = event.params.exceptionDetails as
      { text?: string; exception?: { description?: string } } | undefined
    return details?.exception?.description ?? details?.text
  }
  if (event.method === 'Runtime.consoleAPICalled' && event.params.type === 'error') {
    const args = (event.params.args ?? []) as { value?: unknown; description?: string }[]
    return args.map((a) => (a.value !== undefined ? String(a.value) : a.description)).join(' ')
  }
  return undefined
}

/**
 * Runs the detector page in a headless Chromium this process launches (system Chromium, Chrome or
 * Playwright's; see findBrowser), with a fresh profile, driven over DevTools with only the
 * Runtime domain on (for the page's errors): no per-request DevTools traffic while frames flow.
 * One browser serves many runs; each run gets its own page (its own renderer process, so lanes
 * run in parallel) and local server.
 */
export class HeadlessDetector implements DetectorBackend {
  /** How to fail each run in progress if the browser itself goes. */
  private readonly running = new Set<(error: Error) => void>()

  private constructor(private readonly browser: PipedChromium) {
    void browser.exited.then((why) => {
      for (const fail of this.running) fail(new Error(`the detector browser ${why}`))
    })
  }

  /** Starts a browser for detection, or takes over `browser` (closed with the detector). */
  static async launch(
    browser?: PipedChromium,
    { background = false }: { background?: boolean } = {},
  ): Promise<HeadlessDetector> {
    browser ??= await PipedChromium.launch(['--enable-unsafe-swiftshader'], undefined, {
      background,
    })
    try {
      // Target events tell a run when its page's renderer crashed or the page went away.
      await browser.send('Target.setDiscoverTargets', { discover: true })
    } catch (error) {
      await browser.close()
      throw error
    }
    return new HeadlessDetector(browser)
  }

  async run(options: DetectorRunOptions): Promise<void> {
    const { server, feed } = await serveRun(options)
    const pageErrors: string[] = []
    let targetId: string | undefined
    let sessionId: string | undefined
    let closing = false
    const stopListening = this.browser.on((event) => {
      if (event.sessionId !== undefined && event.sessionId === sessionId) {
        const text = pageErrorText(event)
        if (text) pageErrors.push(text)
        return
      }
      if (event.params.targetId !== targetId || targetId === undefined) return
      if (event.method === 'Target.targetCrashed') {
        feed.fail(new Error(`the detector page crashed (${String(event.params.status)})`))
      } else if (event.method === 'Target.targetDestroyed' && !closing) {
        feed.fail(new Error('the detector page closed'))
      }
    })
    const fail = (error: Error): void => feed.fail(error)
    this.running.add(fail)
    try {
      // Open blank, attach, then navigate, so the page's errors from its first script are seen.
      ;({ targetId } = await this.browser.send<{ targetId: string }>('Target.createTarget', {
        url: 'about:blank',
      }))
      ;({ sessionId } = await this.browser.send<{ sessionId: string }>('Target.attachToTarget', {
        targetId,
        flatten: true,
      }))
      await this.browser.send('Runtime.enable', {}, sessionId)
      await this.browser.send('Page.navigate', { url: server.pageUrl }, sessionId)
      await feed.done
    } catch (error) {
      if (pageErrors.length && error instanceof Error && !error.name.includes('Cancel')) {
        error.message += ` (page: ${pageErrors.slice(-3).join(' | ')})`
      }
      throw error
    } finally {
      closing = true
      stopListening()
      this.running.delete(fail)
      if (targetId)
        await this.browser.send('Target.closeTarget', { targetId }).catch(() => undefined)
      await server.close()
    }
  }

  async close(): Promise<void> {
    await this.browser.close()
  }
}
