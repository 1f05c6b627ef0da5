import { runChecks } from '../../main/services/doctor/checks'
import { parseArgs } from '../args'
import type { CliCommand } from '../command'

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'check what this machine has for Toonmo (ffmpeg, a browser, WebGPU, models)',
  usage: `Usage: toonmo doctor [--json] [--no-webgpu]

Reports ffmpeg and ffprobe (and which copy is used), a Chromium or Electron for headless work,
WebGPU, and the model files. Exits 1 when something required is missing, saying how to fix it.
  --json        print the checks as JSON
  --no-webgpu   skip the WebGPU check (it starts a headless browser)`,
  async run(args, io) {
    const parsed = parseArgs(args, { flags: ['json', 'no-webgpu'], options: [] })
    const checks = await runChecks({ webgpu: !parsed.options.has('no-webgpu') })
    const missing = checks.filter((c) => c.required && !c.ok)
    if (parsed.options.has('json')) {
      io.out(`${JSON.stringify({ ok: missing.length === 0, checks }, null, 2)}\n`)
    } else {
      const width = Math.max(...checks.map((c) => c.name.length))
      for (const c of checks) {
        const mark = c.ok ? 'ok  ' : c.required ? 'MISSING' : 'no  '
        io.out(`${mark.padEnd(7)} ${c.name.padEnd(width)}  ${c.detail}\n`)
      }
      io.out(
        missing.length === 0
          ? '\nEverything Toonmo needs is here.\n'
          : `\n${missing.length} required item(s) missing: see above.\n`,
      )
    }
    return missing.length === 0 ? 0 : 1
  },
}
