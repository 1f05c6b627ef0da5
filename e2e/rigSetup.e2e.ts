import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restBoneWorld } from '../src/core/rig/editRig'
import { parseRig } from '../src/core/rig/parseRig'
import { loadRigFile } from '../src/main/services/rigs/rigFiles'
import { layeredFigureSvg } from '../src/main/services/rigs/testing/layeredFigure'
import type { AppPage, ServedApp } from './fixtures/serveApp'
import { openApp, screenshot, startToonmoServe } from './fixtures/serveApp'

const elbowOf = (file: string) =>
  restBoneWorld(parseRig(JSON.parse(readFileSync(file, 'utf8')))).get('forearm_r')!.head

describe('rig import and setup mode, driven through the UI in Chromium', () => {
  let served: ServedApp
  let app: AppPage
  let work: string

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'toonmo-rig-setup-'))
    served = await startToonmoServe({
      TOONMO_AUTOSAVE_DIR: join(work, 'autosave'),
      TOONMO_CACHE_DIR: join(work, 'cache'),
      TOONMO_USER_RIGS_DIR: join(work, 'rigs'),
    })
    app = await openApp(served.url)
  })

  afterAll(async () => {
    await app?.browser.close()
    await served?.stop()
    rmSync(work, { recursive: true, force: true })
  })

  it('imports a layered SVG, drags a joint with undo and redo, saves, and uses the rig', async () => {
    const { page } = app
    const drawing = join(work, 'figure.svg')
    writeFileSync(drawing, layeredFigureSvg())
    await page.getByTestId('rig-import').click()
    await page.getByTestId('path-input').fill(drawing)
    await page.getByTestId('path-confirm').click()

    const dialog = page.getByTestId('rig-setup')
    const elbow = dialog.locator('[data-ends~="forearm_r:head"]')
    await elbow.waitFor({ timeout: 60_000 })
    const file = join(work, 'rigs', 'figure', 'rig.json')
    const before = elbowOf(file)
    const imported = parseRig(JSON.parse(readFileSync(file, 'utf8')))
    expect(Number(await elbow.getAttribute('cx'))).toBeCloseTo(before[0], 1)

    // Drag the right elbow 40 screen pixels to the left (the character's right is screen left).
    const box = (await elbow.boundingBox())!
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    for (let i = 1; i <= 8; i++) await page.mouse.move(start.x - 5 * i, start.y + 2 * i)
    await page.mouse.up()
    const droppedX = Number(await elbow.getAttribute('cx'))
    const droppedY = Number(await elbow.getAttribute('cy'))
    expect(before[0] - droppedX).toBeGreaterThan(20)
    expect(droppedY - before[1]).toBeGreaterThan(5)

    await screenshot(page, 'rig-setup-after-drag')

    // One drag is one undo step.
    await page.getByTestId('rig-undo').click()
    expect(Number(await elbow.getAttribute('cx'))).toBeCloseTo(before[0], 1)
    await expect.poll(() => page.getByTestId('rig-undo').isDisabled()).toBe(true)
    await page.getByTestId('rig-redo').click()
    expect(Number(await elbow.getAttribute('cx'))).toBeCloseTo(droppedX, 1)

    await page.getByTestId('rig-setup-save').click()
    await dialog.waitFor({ state: 'detached' })

    // The saved file has the elbow where it was dropped: both bones that meet there moved.
    const after = elbowOf(file)
    expect(after[0]).toBeCloseTo(droppedX, 3)
    expect(after[1]).toBeCloseTo(droppedY, 3)
    const saved = await loadRigFile(file)
    const w = restBoneWorld(saved.rig)
    expect(w.get('upper_arm_r')!.tail[0]).toBeCloseTo(droppedX, 3)
    // The drawing stayed where it was drawn: the forearm image was re-pinned, not moved.
    const pivot = (rig: typeof imported) => rig.parts.find((p) => p.name === 'forearm_r')!.pivot
    expect(pivot(saved.rig)).not.toEqual(pivot(imported))

    // The imported rig is the project's character, and it loads.
    expect(await page.getByTestId('rig').inputValue()).toBe(file)
    await expect.poll(() => page.getByTestId('status-message').textContent()).toMatch(/Saved rig/)

    // Another character, then back: the imported rig stays in the picker under "Your rigs".
    const picker = page.getByTestId('rig')
    await picker.selectOption('chibi')
    await expect.poll(() => picker.inputValue()).toBe('chibi')
    const yours = picker.locator('optgroup[label="Your rigs"] option')
    await expect
      .poll(() => yours.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toEqual([file])
    await picker.selectOption(file)
    await expect.poll(() => picker.inputValue()).toBe(file)
    expect(app.errors).toEqual([])
  })

  it('reports a drawing without part layers in the status bar', async () => {
    const { page } = app
    const plain = join(work, 'plain.svg')
    writeFileSync(
      plain,
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 50"><g id="Sky"><rect width="50" height="50"/></g></svg>',
    )
    await page.getByTestId('rig-import').click()
    await page.getByTestId('path-input').fill(plain)
    await page.getByTestId('path-confirm').click()
    await expect
      .poll(() => page.getByTestId('status-message').textContent(), { timeout: 30_000 })
      .toMatch(/Rig import failed: .*no layers named after body parts.*Sky/)
  })
})
