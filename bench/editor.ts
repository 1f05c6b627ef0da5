/**
 * Editor frame times in headless Chromium, through `toonmo serve` as a user runs it: for each
 * bundled rig, the time between animation frames (a) while the sample plays, (b) while the
 * playhead is scrubbed across the whole timeline, (c) during a box-select drag over every track
 * and (d) while a bone is dragged on the stage (a live pose edit per move).
 * Prints percentiles in milliseconds; the target is 16 ms or less per frame (60 fps).
 *
 * Needs a build (`npx electron-vite build`). Run: npx tsx bench/editor.ts [--seconds 4]
 * The sample clip is what the app opens (412 frames); frame times do not grow with clip length,
 * since the timeline redraws only the layers that change and the playhead is a translation.
 */
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchHeadlessChromium } from '../src/main/services/browser/launchChromium'

const root = resolve(import.meta.dirname, '..')
const secondsArg = process.argv.indexOf('--seconds')
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 4

async function serve(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'toonmo.js'), 'serve', '--no-build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((done, fail) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /running at (http:\/\/\S+)/.exec(out)
      if (m?.[1]) done(m[1])
    })
    child.once('exit', (code) => fail(new Error(`toonmo serve exited with ${code}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

/** Starts recording the gaps between animation frames in the page; returns a stopper. */
async function startFrameClock(page: Page): Promise<() => Promise<number[]>> {
  // A string, not a function: tsx's name helpers (__name) do not exist in the page.
  const handle = await page.evaluateHandle(`(() => {
    const gaps = []
    let last = performance.now()
    let running = true
    function tick(now) {
      gaps.push(now - last)
      last = now
      if (running) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    return { stop() { running = false; return gaps.slice(1) } }
  })()`)
  return async () => {
    const gaps = await handle.evaluate((h: { stop(): number[] }) => h.stop())
    await handle.dispose()
    return gaps
  }
}

function summary(label: string, gaps: number[]): string {
  const sorted = [...gaps].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  const mean = gaps.reduce((s, g) => s + g, 0) / Math.max(1, gaps.length)
  return `${label.padEnd(26)} frames ${String(gaps.length).padStart(4)}  mean ${mean.toFixed(1).padStart(5)} ms  p50 ${at(0.5).toFixed(1).padStart(5)}  p95 ${at(0.95).toFixed(1).padStart(5)}  max ${at(1).toFixed(1).padStart(6)}`
}

async function stageGeometry(page: Page) {
  const stage = page.getByTestId('timeline-stage')
  const box = (await stage.boundingBox())!
  const d = await stage.evaluate((el) => ({ ...(el as HTMLElement).dataset }))
  return {
    box,
    gutter: Number(d.gutter),
    ruler: Number(d.rulerHeight),
    row: Number(d.rowHeight),
    start: Number(d.viewStart),
    ppf: Number(d.pxPerFrame),
    frames: Number(d.frameCount),
    bones: Number(d.bones),
  }
}

const served = await serve()
const browser = await launchHeadlessChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  await page.goto(served.url)
  await page
    .locator('[data-testid="timeline-stage"][data-ready="true"]')
    .waitFor({ timeout: 120_000 })
  const rigs = await page
    .getByTestId('rig')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
  console.log(`editor frame times, ${seconds} s per phase, 1280x720, headless Chromium`)
  for (const rig of rigs) {
    await page.getByTestId('rig').selectOption(rig)
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector<HTMLElement>('[data-testid="timeline-stage"]')?.dataset.bones,
        ) > 0,
      undefined,
      { timeout: 120_000 },
    )
    await page.waitForTimeout(1000)
    const g = await stageGeometry(page)
    console.log(`\nrig ${rig}: ${g.frames} frames, ${g.bones} bones`)

    let stop = await startFrameClock(page)
    await page.getByTestId('play').click()
    await page.waitForTimeout(seconds * 1000)
    await page.getByTestId('play').click()
    console.log(summary('playback', await stop()))

    // Scrub: drag the playhead from the first frame to the last and back.
    const x = (f: number) => g.box.x + g.gutter + (f - g.start) * g.ppf
    const y = g.box.y + 4
    await page.mouse.click(x(0), y)
    stop = await startFrameClock(page)
    await page.mouse.move(x(0), y)
    await page.mouse.down()
    const steps = Math.max(30, Math.round(seconds * 30))
    for (let i = 0; i <= steps; i++) {
      const t = i / steps
      await page.mouse.move(x((g.frames - 1) * (t < 0.5 ? 2 * t : 2 - 2 * t)), y)
    }
    await page.mouse.up()
    console.log(summary('scrub (playhead drag)', await stop()))

    // Drag: a box select over every track, then move the selection back and forth.
    stop = await startFrameClock(page)
    const top = g.box.y + g.ruler + 2
    await page.mouse.move(x(5), top)
    await page.mouse.down()
    for (let i = 1; i <= steps / 2; i++)
      await page.mouse.move(
        x(5 + (i / (steps / 2)) * (g.frames - 10)),
        top + (i / (steps / 2)) * (g.box.height - g.ruler - 4),
      )
    await page.mouse.up()
    console.log(summary('drag (timeline box select)', await stop()))

    // Drag: pose the rig on the stage (a live edit every move, then Escape bails it out).
    const view = (await page.getByTestId('viewport-stage').boundingBox())!
    const cx = view.x + view.width * 0.75
    const cy = view.y + view.height / 2
    stop = await startFrameClock(page)
    await page.mouse.move(cx, cy)
    await page.mouse.down()
    for (let i = 0; i <= steps; i++) {
      const a = (i / steps) * Math.PI * 2
      await page.mouse.move(cx + 60 * Math.cos(a), cy + 60 * Math.sin(a))
    }
    await page.keyboard.press('Escape')
    await page.mouse.up()
    console.log(summary('drag (pose on stage)', await stop()))
  }
} finally {
  await browser.close()
  served.stop()
}
