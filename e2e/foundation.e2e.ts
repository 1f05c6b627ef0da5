import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppPage, ServedApp } from './fixtures/serveApp'
import {
  importClip,
  openApp,
  screenshot,
  startToonmoServe,
  withFreshApp,
} from './fixtures/serveApp'
import { distinctColours } from './fixtures/pixels'
import { sharedDataDir } from '../src/main/paths'
import { findFfmpegTools } from '../src/main/services/media'
import { copyCutShort } from '../src/main/services/media/testing/clips'

const clip = join(sharedDataDir, 'footage', 'mmhuman3d_single_person_demo.mp4')
const longClip = join(sharedDataDir, 'footage', 'hybrik_taiji.mp4')
if (!existsSync(clip)) console.log(`SKIPPED the cut-off footage test: ${clip} is absent`)
if (!existsSync(longClip))
  console.log(`SKIPPED the superseded-detection test: ${longClip} is absent`)

describe('the app through toonmo serve in Chromium', () => {
  let served: ServedApp
  let app: AppPage
  let work: string

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'toonmo-e2e-'))
    served = await startToonmoServe({ TOONMO_AUTOSAVE_DIR: join(work, 'autosave') })
    app = await openApp(served.url)
  })

  afterAll(async () => {
    await app?.browser.close()
    await served?.stop()
    rmSync(work, { recursive: true, force: true })
  })

  it('renders the main window with a non-blank Pixi stage and the sample project', async () => {
    const { page } = app
    await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('Sample')
    await page.waitForTimeout(300)
    const canvas = await page.locator('[data-testid="viewport-stage"] canvas').screenshot()
    // A blank canvas has one colour; grid, ground and figure give many.
    expect(distinctColours(canvas)).toBeGreaterThan(8)
    await screenshot(page, 'foundation-main-window')
  })

  it('holds the window open while there are unsaved changes, and only then', async () => {
    // The app cancels beforeunload while the project is dirty; Chromium then asks the user and
    // Electron shows its own dialog (will-prevent-unload). This headless Chromium never shows
    // beforeunload prompts (not even for a bare page), so the test checks the cancellation.
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } })
    try {
      await page.goto(served.url)
      await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
      const unloadCancelled = () =>
        page.evaluate(() => {
          const event = new Event('beforeunload', { cancelable: true })
          window.dispatchEvent(event)
          return event.defaultPrevented
        })
      // The sample project as it opens: nothing to lose.
      await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('Sample')
      expect(await unloadCancelled()).toBe(false)
      const name = page.getByTestId('project-name')
      await name.fill('Unsaved work')
      await name.press('Enter')
      await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('•')
      expect(await unloadCancelled()).toBe(true)
      await page.getByTestId('save-project').click()
      await page.getByTestId('path-input').fill(join(work, 'unsaved.toonmo'))
      await page.getByTestId('path-confirm').click()
      await expect.poll(() => page.getByTestId('status-message').textContent()).toContain('Saved')
      expect(await unloadCancelled()).toBe(false)
    } finally {
      await page.close()
    }
  })

  it('creates a project, edits, undoes, redoes, saves and reopens it', async () => {
    const { page } = app
    page.on('dialog', (d) => void d.accept())
    await page.getByTestId('new-project').click()
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('Untitled')

    const name = page.getByTestId('project-name')
    await name.fill('Walk cycle')
    await name.press('Enter')
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('Walk cycle')

    await page.getByTestId('undo').click()
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('Untitled')
    await page.getByTestId('redo').click()
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('Walk cycle')
    // Keyboard undo/redo too.
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('Untitled')
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('Walk cycle')

    const path = join(work, 'walk.toonmo')
    await page.getByTestId('save-project').click()
    await page.getByTestId('path-input').fill(path)
    await page.getByTestId('path-confirm').click()
    await expect.poll(() => page.getByTestId('status-message').textContent()).toContain('Saved')
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { name: string; formatVersion: number }
    expect(saved.name).toBe('Walk cycle')

    await page.getByTestId('new-project').click()
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('Untitled')
    await page.getByTestId('open-project').click()
    await page.getByTestId('path-input').fill(path)
    await page.getByTestId('path-confirm').click()
    await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('Walk cycle')
    await screenshot(page, 'foundation-reopened')
    expect(app.errors).toEqual([])
  })

  it('shows a clear error when opening a file that is not a project', async () => {
    const { page } = app
    const bogus = join(work, 'bogus.toonmo')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(bogus, '{"formatVersion": 99}')
    await page.getByTestId('open-project').click()
    await page.getByTestId('path-input').fill(bogus)
    await page.getByTestId('path-confirm').click()
    await expect
      .poll(() => page.getByTestId('status-message').textContent())
      .toMatch(/newer Toonmo/)
    // The open project is untouched.
    expect(await page.getByTestId('project-name').inputValue()).toBe('Walk cycle')
  })

  it.skipIf(!existsSync(clip))(
    'imports a clip cut off short: a warning that stays, and the frames before the cut',
    async () => {
      const { page } = app
      // The test before leaves the refused open's HTTP 400 in the console; count from here.
      const errorsBefore = app.errors.length
      const cut = await copyCutShort(clip, join(work, 'cut.mp4'), 120_000)
      await page.getByTestId('toolbar-import').click()
      await page.getByTestId('path-input').fill(cut)
      await page.getByTestId('path-confirm').click()
      const message = page.getByTestId('status-message')
      await expect.poll(() => message.textContent()).toMatch(/Imported .*cut off/)
      expect(await message.getAttribute('class')).toContain('warning')
      // Detection and retargeting run on the good frames; the warning is still there after.
      await expect
        .poll(() => page.getByTestId('retarget-backend').textContent(), {
          timeout: 120_000,
          interval: 1000,
        })
        .toMatch(/Retargeted \d+ frames/)
      const frames = Number(
        /Retargeted (\d+)/.exec((await page.getByTestId('retarget-backend').textContent())!)![1],
      )
      expect(frames).toBeGreaterThan(5)
      expect(frames).toBeLessThan(40)
      expect(await message.textContent()).toMatch(/cut off/)
      await screenshot(page, 'foundation-cut-footage')
      await page.getByRole('button', { name: 'Dismiss' }).click()
      await expect.poll(() => message.count()).toBe(0)
      expect(app.errors.slice(errorsBefore)).toEqual([])
    },
  )
})

describe('autosave and recovery', () => {
  it('brings back work done in the sample after its window is lost unsaved', async () => {
    const work = mkdtempSync(join(tmpdir(), 'toonmo-e2e-recover-'))
    const served = await startToonmoServe({ TOONMO_AUTOSAVE_DIR: join(work, 'autosave') })
    try {
      // The first session: the sample opens, the user changes it, the autosave timer fires,
      // then the window goes away without saving (a crash, a killed browser).
      const first = await openApp(`${served.url}&debug=1`)
      const name = first.page.getByTestId('project-name')
      await expect.poll(() => name.inputValue()).toContain('Sample')
      await name.fill('My take')
      await name.press('Enter')
      await first.page.waitForFunction(() => 'toonmoDebug' in window)
      await first.page.evaluate(() =>
        (
          window as unknown as { toonmoDebug: { autosave(): Promise<void> } }
        ).toonmoDebug.autosave(),
      )
      expect(first.errors).toEqual([])
      await first.browser.close()

      // The next session offers it back; Recover restores it, unsaved, so it is not lost again.
      const second = await openApp(served.url)
      try {
        const banner = second.page.getByTestId('recover-banner')
        await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain('My take')
        await banner.getByRole('button', { name: 'Recover' }).click()
        await expect
          .poll(() => second.page.getByTestId('project-name').inputValue())
          .toBe('My take')
        await expect.poll(() => banner.count()).toBe(0)
        expect(await second.page.getByTestId('project-title').textContent()).toContain('•')
        expect(second.errors).toEqual([])
      } finally {
        await second.browser.close()
      }
    } finally {
      await served.stop()
      rmSync(work, { recursive: true, force: true })
    }
  })
})

describe.skipIf(!existsSync(longClip))('footage in which nobody is found', () => {
  it('says so, and shows that clip, not the motion or detection of the one before', () =>
    withFreshApp('toonmo-e2e-empty-', async (app, work) => {
      const { page } = app
      // Twelve grey frames: shorter than the filmstrip's 24 thumbnails, and nobody in them.
      const empty = join(work, 'empty.mp4')
      execFileSync(findFfmpegTools().ffmpeg!.path, [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'color=c=gray:s=320x240:d=1.2:r=10',
        '-pix_fmt',
        'yuv420p',
        empty,
      ])
      // A long clip first, imported while the sample may still be retargeting (its motion must
      // not land on the clip); then, while the long clip is being detected, the empty one: the
      // long detection is superseded, not left running and not reported as a failure.
      await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
      await importClip(page, longClip)
      await expect
        .poll(() => page.getByTestId('job').allTextContents(), { timeout: 60_000 })
        .toContainEqual(expect.stringMatching(/Detecting keypoints/))
      await importClip(page, empty)
      await expect
        .poll(() => page.getByTestId('status-message').textContent(), { timeout: 120_000 })
        .toMatch(/No person was found in this clip/)
      await expect.poll(() => page.getByTestId('job').count(), { timeout: 20_000 }).toBe(0)
      expect(await page.getByTestId('status-message').textContent()).not.toMatch(/stopped/)
      expect(await page.getByTestId('frame-counter').textContent()).toMatch(/^\s*0 \/ 11\b/)
      expect(await page.getByTestId('timeline-stage').getAttribute('data-message')).toMatch(
        /No animation yet/,
      )
      await expect.poll(() => page.getByTestId('filmstrip').locator('button').count()).toBe(12)
      // At the last frame the viewport loads ahead from the start again, not past the end.
      const failedFrames: string[] = []
      page.on('response', (r) => {
        if (r.status() >= 400 && r.url().includes('previewFrame')) failedFrames.push(r.url())
      })
      await page.keyboard.press('End')
      await expect
        .poll(() => page.getByTestId('frame-counter').textContent())
        .toMatch(/^\s*11 \/ 11\b/)
      await page.waitForTimeout(1000)
      expect(failedFrames).toEqual([])
      // The refused track request is the only console error: no unhandled rejection, no
      // duplicate filmstrip keys.
      expect(app.errors.filter((e) => !/status of 400/.test(e))).toEqual([])
    }))
})

describe('the serve API', () => {
  it.skipIf(!existsSync(longClip))(
    'stops its running jobs and their processes when told to stop',
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'toonmo-e2e-stop-'))
      const served = await startToonmoServe({
        TOONMO_AUTOSAVE_DIR: join(work, 'autosave'),
        TOONMO_CACHE_DIR: join(work, 'cache'),
      })
      try {
        const base = new URL(served.url)
        const call = async (name: string, args: unknown[]): Promise<unknown> => {
          const res = await fetch(new URL(`/api/${name}`, base), {
            method: 'POST',
            body: JSON.stringify(args),
            headers: { 'X-Toonmo-Token': base.searchParams.get('token')! },
          })
          expect(res.status).toBe(200)
          return res.json()
        }
        // A fresh cache: the long clip's preview and detection take a minute or more here.
        await call('footage.preparePreview', [longClip])
        await call('detection.start', [longClip, 'full'])
        const working = (): string[] =>
          execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
            .split('\n')
            .filter((line) => line.includes(longClip) || line.includes(work))
        await expect.poll(() => working().length, { timeout: 30_000 }).toBeGreaterThan(0)
        // The preview build and detection are batch work: their decoders run below normal
        // priority, so the frame the animator asks for decodes first (niceness 10 on Unix).
        const decoders = async (): Promise<number[]> => {
          const ps = execFileSync('ps', ['-eo', 'ni=,comm=,args='], { encoding: 'utf8' })
          return ps
            .split('\n')
            .filter((line) => /^\s*-?\d+\s+\S*ffmpeg\s/.test(line) && line.includes(longClip))
            .map((line) => Number(line.trim().split(/\s+/)[0]))
        }
        await expect
          .poll(async () => (await decoders()).length, { timeout: 30_000 })
          .toBeGreaterThan(0)
        expect(new Set(await decoders())).toEqual(new Set([10]))
        const started = Date.now()
        await served.stop()
        // Before, the server lived on until its jobs would have finished.
        expect(Date.now() - started).toBeLessThan(10_000)
        // No ffmpeg decoding the clip, no detector browser, left behind.
        await expect.poll(() => working(), { timeout: 5_000 }).toEqual([])
      } finally {
        await served.stop()
        rmSync(work, { recursive: true, force: true })
      }
    },
  )

  it('refuses calls without the token and from a foreign Host', async () => {
    const served = await startToonmoServe()
    try {
      const base = new URL(served.url)
      const noToken = await fetch(new URL('/api/app.info', base), { method: 'POST', body: '[]' })
      expect(noToken.status).toBe(401)
      const token = base.searchParams.get('token')!
      const ok = await fetch(new URL('/api/app.info', base), {
        method: 'POST',
        body: '[]',
        headers: { 'X-Toonmo-Token': token },
      })
      expect(ok.status).toBe(200)
      expect(((await ok.json()) as { result: { mode: string } }).result.mode).toBe('browser')
      const badArgs = await fetch(new URL('/api/project.open', base), {
        method: 'POST',
        body: '[42]',
        headers: { 'X-Toonmo-Token': token },
      })
      expect(badArgs.status).toBe(400)
      expect(((await badArgs.json()) as { error: { kind: string } }).error.kind).toBe(
        'badArguments',
      )
      const { request } = await import('node:http')
      const status = await new Promise<number>((done, fail) => {
        const req = request(
          { host: '127.0.0.1', port: base.port, path: '/', headers: { Host: 'evil.example:80' } },
          (res) => done(res.statusCode ?? 0),
        )
        req.on('error', fail)
        req.end()
      })
      expect(status).toBe(403)
    } finally {
      await served.stop()
    }
  })
})

const danceClip = join(sharedDataDir, 'footage', 'qengineering_Dance.mp4')
if (!existsSync(danceClip))
  console.log(`SKIPPED the cancel-and-resume test: ${danceClip} is absent`)

describe.skipIf(!existsSync(danceClip))('cancelling long jobs from the status bar', () => {
  // A fresh cache: the clip has never been detected here.
  it('detection keeps the frames done and resumes from there; retargeting runs again', () =>
    withFreshApp('toonmo-e2e-resume-', async (app) => {
      const { page } = app
      await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
      await importClip(page, danceClip)
      const detecting = page.getByTestId('job').filter({ hasText: 'Detecting keypoints' })
      const percent = async (): Promise<number> =>
        Number(/(\d+)%/.exec((await detecting.textContent({ timeout: 1000 })) ?? '')?.[1] ?? -1)
      await expect.poll(percent, { timeout: 120_000, interval: 200 }).toBeGreaterThanOrEqual(5)
      const atCancel = await percent()
      await detecting.getByTestId('job-cancel').click()
      await expect
        .poll(() => page.getByTestId('status-message').textContent())
        .toMatch(/detection cancelled\. The frames done are kept/)
      expect(await page.getByTestId('status-message').getAttribute('class')).not.toContain('error')
      await expect.poll(() => detecting.count()).toBe(0)

      await page.getByTestId('detect-resume').click()
      // The resumed run starts where the cancelled one stopped, not at 0%.
      await expect.poll(percent, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(0)
      expect(await percent()).toBeGreaterThanOrEqual(atCancel)
      await expect
        .poll(() => page.getByTestId('retarget-backend').textContent(), { timeout: 120_000 })
        .toMatch(/Retargeted 244 frames/)
      await expect(page.getByTestId('detect-resume').count()).resolves.toBe(0)

      // Retargeting takes a second or two here: cancel it the moment its job shows.
      await page.evaluate(() => {
        const observer = new MutationObserver(() => {
          for (const job of document.querySelectorAll('[data-testid="job"]')) {
            if (!job.textContent?.includes('Retargeting')) continue
            job.querySelector<HTMLButtonElement>('[data-testid="job-cancel"]')?.click()
            observer.disconnect()
          }
        })
        observer.observe(document.body, { subtree: true, childList: true })
      })
      await page.getByTestId('view').selectOption('90')
      await expect
        .poll(() => page.getByTestId('status-message').textContent())
        .toMatch(/Retargeting cancelled/)
      await page.getByTestId('retarget-again').click()
      await page.getByTestId('retarget-again').waitFor({ state: 'detached', timeout: 60_000 })
      await expect.poll(() => page.getByTestId('job').count(), { timeout: 60_000 }).toBe(0)
      expect(await page.getByTestId('status-message').textContent()).not.toMatch(/failed/)
      expect(app.errors).toEqual([])
    }))
})

const tallClip = join(sharedDataDir, 'footage', 'pexels-gabby-k-6980032_squat_side.mp4')
if (!existsSync(tallClip)) console.log(`SKIPPED the early-preview test: ${tallClip} is absent`)

describe.skipIf(!existsSync(tallClip))('footage shows while its preview is being built', () => {
  interface Shown {
    index: number
    width: number
    height: number
  }
  it('the first frame, then any frame the animator goes to, before "Preparing footage" ends', () =>
    withFreshApp(
      'toonmo-e2e-early-preview-',
      async (app) => {
        const { page } = app
        await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
        await page.waitForFunction(() => 'toonmoDebug' in window)
        // What the viewport shows, and whether the preview is still being built, in one look.
        const look = (): Promise<{ shown: Shown | null; frame: number; preparing: boolean }> =>
          page.evaluate(() => {
            const debug = (
              window as unknown as {
                toonmoDebug: { footageShown(): Shown | null; frame(): number }
              }
            ).toonmoDebug
            const jobs = [...document.querySelectorAll('[data-testid="job"]')]
            return {
              shown: debug.footageShown(),
              frame: debug.frame(),
              preparing: jobs.some((job) => job.textContent?.includes('Preparing footage')),
            }
          })
        // The sample's clip is landscape; this one (1080x2048) is the first portrait frame seen.
        await importClip(page, tallClip)
        const portrait = async (): Promise<{ shown: Shown | null; preparing: boolean }> => {
          const now = await look()
          return now.shown && now.shown.height > now.shown.width ? now : { ...now, shown: null }
        }
        await expect.poll(async () => (await portrait()).shown, { timeout: 30_000 }).not.toBeNull()
        const first = await portrait()
        expect(first.shown?.index).toBe(0)
        // Building this clip's preview takes seconds; the first frame must not wait for it.
        expect(first.preparing).toBe(true)

        // A frame the build has not reached yet is decoded on its own and shown.
        await page.keyboard.press('End')
        const last = (await look()).frame
        expect(last).toBeGreaterThan(250)
        await expect.poll(async () => (await look()).shown?.index, { timeout: 60_000 }).toBe(last)
        expect(app.errors).toEqual([])
      },
      { debug: true },
    ))
})

const crowdClip = join(sharedDataDir, 'footage', 'sports2d_demo.mp4')
if (!existsSync(crowdClip))
  console.log(`SKIPPED the performer-picking test: ${crowdClip} is absent`)

describe.skipIf(!existsSync(crowdClip))('choosing the performer among several people', () => {
  type Box = [number, number, number, number]
  interface Debug {
    personPoint(id: number): { x: number; y: number } | null
    personBox(id: number): Box | null
    trackPoint(joint: number): [number, number, number] | null
    performer(): number | null
    frame(): number
  }
  it('marks the people on the footage; clicking one makes them the performer, undoably, and it is saved', () =>
    withFreshApp(
      'toonmo-e2e-performer-',
      async (app, work) => {
        const { page } = app
        const debug = <R>(fn: (d: Debug) => R): Promise<R> =>
          page.evaluate((source) => {
            const d = (window as unknown as { toonmoDebug: Debug }).toonmoDebug
            return new Function('d', `return (${source})(d)`)(d) as R
          }, fn.toString())
        await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
        await page.waitForFunction(() => 'toonmoDebug' in window)
        // Jumping jacks on a box; a woman walks past in front of it; he flips down from it.
        await importClip(page, crowdClip)
        await expect
          .poll(() => page.getByTestId('retarget-backend').textContent(), { timeout: 240_000 })
          .toMatch(/Retargeted 230 frames/)

        // The picker offers the people on screen for a while, not the detector's strays of a
        // frame or two, each with when they are seen.
        const picker = page.getByTestId('performer')
        const options = await picker.locator('option').allTextContents()
        expect(options.length).toBeGreaterThanOrEqual(2)
        expect(options.length).toBeLessThanOrEqual(4)
        for (const label of options) expect(label).toMatch(/^Person \d+, \d:\d\d–\d:\d\d$/)
        const man = await debug((d) => d.performer())
        expect(await picker.inputValue()).toBe(String(man))

        // At 3.3 s both are in frame: he on the box, she walking in front of it.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
        await page.keyboard.press('Home')
        for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowRight')
        expect(await debug((d) => d.frame())).toBe(100)
        const values = await picker
          .locator('option')
          .evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)))
        const inFrame = []
        for (const id of values) {
          if (id === man) continue
          const point = await page.evaluate(
            (i) =>
              (
                window as unknown as { toonmoDebug: { personPoint(id: number): unknown } }
              ).toonmoDebug.personPoint(i),
            id,
          )
          if (point) inFrame.push({ id, point: point as { x: number; y: number } })
        }
        expect(inFrame).toHaveLength(1)
        const woman = inFrame[0]!
        const herBox = await page.evaluate(
          (i) =>
            (window as unknown as { toonmoDebug: Debug }).toonmoDebug.personBox(i) as Box | null,
          woman.id,
        )
        expect(herBox).not.toBeNull()
        await screenshot(page, 'performer-before-pick')

        const stage = await page.getByTestId('viewport-stage').boundingBox()
        await page.mouse.click(stage!.x + woman.point.x, stage!.y + woman.point.y)
        await expect.poll(() => picker.inputValue(), { timeout: 30_000 }).toBe(String(woman.id))
        await expect.poll(() => debug((d) => d.performer()), { timeout: 30_000 }).toBe(woman.id)
        // The keypoints that drive the rig are now hers: her hips lie inside her box.
        const hip = await debug((d) => d.trackPoint(8))
        const [x0, y0, x1, y1] = herBox!
        expect(hip![0]).toBeGreaterThan(x0)
        expect(hip![0]).toBeLessThan(x1)
        expect(hip![1]).toBeGreaterThan(y0)
        expect(hip![1]).toBeLessThan(y1)
        await expect.poll(() => page.getByTestId('job').count(), { timeout: 60_000 }).toBe(0)
        await screenshot(page, 'performer-after-pick')

        // One undo step each way.
        await page.keyboard.press('Control+z')
        await expect.poll(() => debug((d) => d.performer()), { timeout: 30_000 }).toBe(man)
        await page.keyboard.press('Control+Shift+z')
        await expect.poll(() => debug((d) => d.performer()), { timeout: 30_000 }).toBe(woman.id)

        // The choice is stored with the project.
        page.on('dialog', (d) => void d.accept())
        const path = join(work, 'crowd.toonmo')
        await page.getByTestId('save-project').click()
        await page.getByTestId('path-input').fill(path)
        await page.getByTestId('path-confirm').click()
        await expect.poll(() => page.getByTestId('status-message').textContent()).toContain('Saved')
        const saved = JSON.parse(readFileSync(path, 'utf8')) as {
          tracks: Record<
            string,
            { performer: number | null; performerAt?: { frame: number; x: number; y: number } }
          >
        }
        const record = Object.values(saved.tracks).find((t) => t.performer === woman.id)
        // With where she was: her identity number belongs to this run of the tracker.
        expect(record?.performerAt?.frame).toBe(100)
        expect(record!.performerAt!.x).toBeGreaterThan(x0)
        expect(record!.performerAt!.x).toBeLessThan(x1)
        expect(record!.performerAt!.y).toBeGreaterThan(y0)
        expect(record!.performerAt!.y).toBeLessThan(y1)
        expect(app.errors).toEqual([])
      },
      { debug: true },
    ))
})
