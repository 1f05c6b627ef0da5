import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticWalk } from '../../../core/rig/testing/syntheticWalk'
import { findBrowser } from '../browser/findBrowser'
import { launchHeadlessChromium } from '../browser/launchChromium'
import { startPageServer } from '../browser/pageServer'
import { resolveRig } from '../rigs/rigFiles'
import type { LoadedRig } from '../rigs/rigFiles'
import { exportAnimation } from './exportAnimation'
import { ExportOutputError } from './OutputBatch'

const run = promisify(execFile)
const hasBrowser = Boolean(findBrowser() && !findBrowser()?.isElectron)
if (!hasBrowser)
  console.warn('SKIPPED export rendering tests: no Chromium found (see toonmo doctor)')

interface FrameJson {
  frame: { x: number; y: number; w: number; h: number }
  trimmed: boolean
  spriteSourceSize: { x: number; y: number; w: number; h: number }
  sourceSize: { w: number; h: number }
  duration: number
}
interface SheetJson {
  frames: Record<string, FrameJson>
  animations: Record<string, string[]>
  meta: { image: string; size: { w: number; h: number }; related_multi_packs?: string[] }
}

/** What PixiJS made of the sheets: every texture by frame name, and the animations. */
interface PixiView {
  textures: Record<
    string,
    {
      orig: [number, number]
      frame: [number, number, number, number]
      trim: [number, number] | null
    }
  >
  animations: Record<string, (string | null)[]>
}

/**
 * Loads sprite sheets with PixiJS's own Assets loader and Spritesheet in Chromium (the build
 * users ship, pixi.min.mjs), exactly as a game would, and reports what resolved.
 */
async function loadInPixi(browser: Browser, dir: string, jsons: string[]): Promise<PixiView> {
  const pixiDir = join(process.cwd(), 'node_modules', 'pixi.js', 'dist')
  const server = await startPageServer({
    folders: { sheets: dir, pixi: pixiDir, '': dir },
    csp: "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; connect-src 'self' data: blob:; worker-src 'self' blob:",
  })
  // A page that loads the sheets the way a game does, written as files so the browser runs the
  // script untouched (no bundler in between).
  writeFileSync(
    join(dir, 'check.mjs'),
    `import { Assets } from './pixi/pixi.min.mjs'
const out = { textures: {}, animations: {} }
try {
  for (const json of ${JSON.stringify(jsons)}) {
    const sheet = await Assets.load('./sheets/' + json)
    const names = new Map()
    for (const [name, t] of Object.entries(sheet.textures)) {
      names.set(t, name)
      out.textures[name] = {
        orig: [t.orig.width, t.orig.height],
        frame: [t.frame.x, t.frame.y, t.frame.width, t.frame.height],
        trim: t.trim ? [t.trim.x, t.trim.y] : null,
      }
    }
    for (const [name, list] of Object.entries(sheet.animations))
      out.animations[json + ':' + name] = list.map((t) => (t ? names.get(t) ?? null : null))
  }
  window.pixiResult = out
} catch (error) {
  window.pixiResult = { error: String(error) }
}
`,
  )
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="./check.mjs"></script>',
  )
  const page = await browser.newPage()
  try {
    await page.goto(`${server.base}index.html`)
    const handle = await page.waitForFunction(
      () => (window as unknown as { pixiResult?: unknown }).pixiResult,
      null,
      { timeout: 60_000 },
    )
    const result = (await handle.jsonValue()) as PixiView & { error?: string }
    if (result.error) throw new Error(`PixiJS could not load the sheets: ${result.error}`)
    return result
  } finally {
    await page.close()
    await server.close()
  }
}

describe.skipIf(!hasBrowser)('exportAnimation (real Chromium, the viewport renderer)', () => {
  let browser: Browser
  let rig: LoadedRig
  let dir: string
  beforeAll(async () => {
    browser = await launchHeadlessChromium(['--enable-unsafe-swiftshader'])
    rig = await resolveRig('chibi')
    dir = mkdtempSync(join(tmpdir(), 'toonmo-export-'))
  })
  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes a sprite sheet that PixiJS loads: every frame and the animation resolve at the right sizes', async () => {
    const { anim } = syntheticWalk(rig.compiled, 20, 24)
    const out = join(dir, 'one')
    const result = await exportAnimation({
      rig,
      animation: anim,
      width: 96,
      height: 128,
      spriteSheet: { prefix: join(out, 'walk'), animationName: 'walk', extrude: 1 },
    })
    expect(result.atlases).toBe(1)
    expect(readdirSync(out).sort()).toEqual(['walk.json', 'walk.png'])
    const json = JSON.parse(readFileSync(join(out, 'walk.json'), 'utf8')) as SheetJson
    const names = Object.keys(json.frames)
    expect(names).toHaveLength(20)
    expect(json.animations.walk).toEqual(names)
    // Trimmed, yet the character is really drawn: each frame keeps a good part of the frame.
    for (const f of Object.values(json.frames)) {
      expect(f.sourceSize).toEqual({ w: 96, h: 128 })
      expect(f.trimmed).toBe(true)
      expect(f.frame.h).toBeGreaterThan(40)
      expect(f.spriteSourceSize.x + f.spriteSourceSize.w).toBeLessThanOrEqual(96)
      expect(f.duration).toBeGreaterThanOrEqual(41)
      expect(f.duration).toBeLessThanOrEqual(42)
    }
    const pixi = await loadInPixi(browser, out, ['walk.json'])
    expect(Object.keys(pixi.textures).sort()).toEqual([...names].sort())
    for (const name of names) {
      const f = json.frames[name]!
      const t = pixi.textures[name]!
      expect(t.orig).toEqual([96, 128])
      expect(t.frame).toEqual([f.frame.x, f.frame.y, f.frame.w, f.frame.h])
      expect(t.trim).toEqual([f.spriteSourceSize.x, f.spriteSourceSize.y])
    }
    expect(pixi.animations['walk.json:walk']).toEqual(names)
  })

  it('splits frames over several atlases that PixiJS loads as one multipack', async () => {
    const { anim } = syntheticWalk(rig.compiled, 12, 24)
    const out = join(dir, 'split')
    const result = await exportAnimation({
      rig,
      animation: anim,
      width: 100,
      height: 100,
      spriteSheet: {
        prefix: join(out, 'big'),
        animationName: 'big',
        maxSide: 256,
        trim: false,
        padding: 2,
      },
    })
    expect(result.atlases).toBeGreaterThan(1)
    const jsons = readdirSync(out)
      .filter((f) => f.endsWith('.json'))
      .sort()
    expect(jsons).toEqual(Array.from({ length: result.atlases }, (_, i) => `big-${i}.json`))
    const pixi = await loadInPixi(browser, out, jsons)
    expect(Object.keys(pixi.textures).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `big_${String(i).padStart(4, '0')}`),
    )
    for (const t of Object.values(pixi.textures)) expect(t.orig).toEqual([100, 100])
  })

  it('writes GIF (transparent), MP4 and WebM previews of the rig with every frame', async () => {
    const { anim } = syntheticWalk(rig.compiled, 10, 24)
    const out = join(dir, 'previews')
    const files = ['p.gif', 'p.mp4', 'p.webm'].map((f) => join(out, f))
    await exportAnimation({ rig, animation: anim, width: 64, height: 80, previews: files })
    for (const file of files) {
      const { stdout } = await run('ffprobe', [
        ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
        ...['-show_entries', 'stream=width,height,nb_read_frames,pix_fmt', '-of', 'json', file],
      ])
      const stream = (JSON.parse(stdout) as { streams: Record<string, string | number>[] })
        .streams[0]!
      expect(stream).toMatchObject({ width: 64, height: 80, nb_read_frames: '10' })
      if (file.endsWith('.gif')) {
        // The background stays transparent: the corner pixel of the first frame has alpha 0.
        const { stdout: raw } = await run(
          'ffmpeg',
          ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
          { encoding: 'buffer', maxBuffer: 1 << 20 },
        )
        expect(raw.length).toBe(64 * 80 * 4)
        expect(raw[3]).toBe(0)
        expect(raw.filter((_, i) => i % 4 === 3 && raw[i] === 255).length).toBeGreaterThan(200)
      }
    }
  })

  it('leaves nothing behind when cancelled halfway, and says why up front for frames too large', async () => {
    const { anim } = syntheticWalk(rig.compiled, 40, 24)
    const out = join(dir, 'cancel')
    const controller = new AbortController()
    await expect(
      exportAnimation({
        rig,
        animation: anim,
        width: 64,
        height: 64,
        spriteSheet: { prefix: join(out, 'c') },
        bvh: join(out, 'c.bvh'),
        previews: [join(out, 'c.gif')],
        signal: controller.signal,
        onProgress: (p) => p.stage === 'render' && p.done === 5 && controller.abort(),
      }),
    ).rejects.toThrow(/cancelled/)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])

    await expect(
      exportAnimation({
        rig,
        animation: anim,
        width: 3000,
        height: 200,
        spriteSheet: { prefix: join(out, 'huge'), maxSide: 2048, trim: false },
      }),
    ).rejects.toThrow(/3000x200 px.*2048x2048 atlas/)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })
})

describe('exportAnimation bad input', () => {
  it('refuses an empty range, an absurd size and an unwritable folder, writing nothing', async () => {
    const rig = await resolveRig('chibi')
    const { anim } = syntheticWalk(rig.compiled, 10, 24)
    const dir = mkdtempSync(join(tmpdir(), 'toonmo-export-bad-'))
    try {
      const base = {
        rig,
        animation: anim,
        bvh: join(dir, 'a.bvh'),
        skeletalJson: join(dir, 'a.json'),
      }
      await expect(exportAnimation({ ...base, range: { start: 5, end: 5 } })).rejects.toThrow(
        /range 5\.\.4 is empty/,
      )
      await expect(exportAnimation({ ...base, width: 100000, height: 10 })).rejects.toThrow(
        /width must be a whole number of pixels from 1 to 4096/,
      )
      const blocker = join(dir, 'file')
      writeFileSync(blocker, 'not a folder')
      await expect(exportAnimation({ ...base, bvh: join(blocker, 'x', 'a.bvh') })).rejects.toThrow(
        ExportOutputError,
      )
      await expect(exportAnimation({ ...base, bvh: join(blocker, 'x', 'a.bvh') })).rejects.toThrow(
        /cannot write to the folder/,
      )
      expect(readdirSync(dir)).toEqual(['file'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
