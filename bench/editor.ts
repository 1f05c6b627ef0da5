/**
 * Editor frame times in headless Chromium, through `toonmo serve` as a user runs it: for each
 * bundled rig, the time between animation frames (a) while the project plays, (b) while the
 * playhead is scrubbed across the whole timeline, (c) during a box-select drag over every track
 * and (d) while a bone is dragged on the stage (a live pose edit per move).
 * Prints the mean, percentiles in milliseconds and the share of frames over 16.7 ms (the
 * budget of one frame at 60 fps).
 *
 * By default it measures a 2,000-frame project (bench/longProject.ts: the sample's footage and
 * keypoints looped), opened through the Open dialog as a user opens a project file; --sample
 * measures the 412-frame sample the app opens instead.
 *
 * Needs a build (`npx electron-vite build`).
 * Run: npx tsx bench/editor.ts [--seconds 4] [--frames 2000] [--sample] [--rig chibi]
 */
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchHeadlessChromium } from '../src/main/services/browser/launchChromium'
import { prepareLongProject } from './longProject'
import type { LongProject } from './longProject'

const root = resolve(import.meta.dirname, '..')
const arg = (name: string) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}
const seconds = Number(arg('--seconds') ?? 4)
const wantedFrames = Number(arg('--frames') ?? 2000)
const onlyRig = arg('--rig')
const useSample = process.argv.includes('--sample')
/** Kept between runs: the long clip, its detection and its preview frames take a while to make. */
const benchDir = join(tmpdir(), 'toonmo-bench-editor')

async function serve(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'toonmo.js'), 'serve', '--no-build'], {
    cwd: root,
    env: { ...process.env, ...env },
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

/** One line: frame count, mean, percentiles, max and the share of frames over budget. */
function summary(label: string, gaps: number[]): string {
  const sorted = [...gaps].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  const mean = gaps.reduce((s, g) => s + g, 0) / Math.max(1, gaps.length)
  const over = gaps.filter((g) => g > 16.7).length / Math.max(1, gaps.length)
  const ms = (v: number, w = 5) => v.toFixed(1).padStart(w)
  return (
    `${label.padEnd(26)} frames ${String(gaps.length).padStart(4)}  mean ${ms(mean)} ms  ` +
    `p50 ${ms(at(0.5))}  p90 ${ms(at(0.9))}  p95 ${ms(at(0.95))}  p99 ${ms(at(0.99))}  ` +
    `max ${ms(at(1), 6)}  >16.7 ms ${(over * 100).toFixed(1).padStart(5)}%`
  )
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

/** Waits until the timeline holds `frames` frames of posed motion and no job is running. */
async function waitUntilPosed(page: Page, frames: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const d = document.querySelector<HTMLElement>('[data-testid="timeline-stage"]')?.dataset
      const text = document.querySelector('[data-testid="retarget-backend"]')?.textContent ?? ''
      return (
        Number(d?.frameCount) === n &&
        Number(d?.bones) > 0 &&
        text.includes(`Retargeted ${n} frames`) &&
        !document.querySelector('[data-testid="job"]')
      )
    },
    frames,
    { timeout: 300_000, polling: 250 },
  )
}

/** Opens a project file through the Open dialog, as a user of `toonmo serve` does. */
async function openProjectFile(page: Page, long: LongProject): Promise<number> {
  const started = Date.now()
  await page.getByTestId('open-project').click()
  await page.getByTestId('path-input').fill(long.projectPath)
  await page.getByTestId('path-confirm').click()
  await page.getByTestId('project-title').filter({ hasText: 'Bench' }).waitFor()
  await waitUntilPosed(page, long.frameCount)
  return (Date.now() - started) / 1000
}

/** The four phases on the project that is open, one summary line each. */
async function measure(page: Page, tag: string): Promise<void> {
  const g = await stageGeometry(page)
  const steps = Math.max(30, Math.round(seconds * 30))

  let stop = await startFrameClock(page)
  await page.getByTestId('play').click()
  await page.waitForTimeout(seconds * 1000)
  await page.getByTestId('play').click()
  console.log(summary(`${tag} playback`, await stop()))

  // Scrub: drag the playhead from the first frame to the last and back.
  const x = (f: number) => g.box.x + g.gutter + (f - g.start) * g.ppf
  const y = g.box.y + 4
  await page.mouse.click(x(0), y)
  stop = await startFrameClock(page)
  await page.mouse.move(x(0), y)
  await page.mouse.down()
  for (let i = 0; i <= steps; i++) {
    const t = i / steps
    await page.mouse.move(x((g.frames - 1) * (t < 0.5 ? 2 * t : 2 - 2 * t)), y)
  }
  await page.mouse.up()
  console.log(summary(`${tag} scrub`, await stop()))

  // Drag: a box select over every track, from the first frames to the last.
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
  console.log(summary(`${tag} box select`, await stop()))

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
  console.log(summary(`${tag} bone drag`, await stop()))
}

const long = useSample ? null : await prepareLongProject(benchDir, wantedFrames)
const served = await serve(
  long ? { TOONMO_CACHE_DIR: long.cacheDir, TOONMO_AUTOSAVE_DIR: join(benchDir, 'autosave') } : {},
)
const browser = await launchHeadlessChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  page.on('dialog', (d) => void d.accept())
  await page.goto(served.url)
  await page
    .locator('[data-testid="timeline-stage"][data-ready="true"]')
    .waitFor({ timeout: 120_000 })
  await page.getByTestId('project-title').filter({ hasText: 'Sample' }).waitFor()
  await waitUntilPosed(page, 412)
  let frames = 412
  let what = 'the sample project (tai chi)'
  if (long) {
    const opened = await openProjectFile(page, long)
    frames = long.frameCount
    what = `${long.projectPath} (${long.footage}), opened and posed in ${opened.toFixed(1)} s`
  }
  const rigs = await page
    .getByTestId('rig')
    .locator('optgroup[label="Bundled"] option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
  console.log(`editor frame times on ${frames} frames: ${what}`)
  console.log(`${seconds} s per phase, 1280x720, headless Chromium`)
  for (const rig of rigs.filter((r) => !onlyRig || r === onlyRig)) {
    await page.getByTestId('rig').selectOption(rig)
    // Let the rig change start its retargeting job before waiting for it to end.
    await page.waitForTimeout(500)
    await waitUntilPosed(page, frames)
    await page.waitForTimeout(1000)
    const g = await stageGeometry(page)
    console.log(`\nrig ${rig}: ${g.frames} frames, ${g.bones} bones`)
    await measure(page, `[${g.frames} f]`)
  }
} finally {
  await browser.close()
  served.stop()
}
