#!/usr/bin/env node
// `npm test`: every check, in order, stopping at none so one run shows everything that is wrong.
// Stages: typecheck, lint, unit tests, build, browser e2e tests, training smoke test.
// Ends with one line "tests: N passed, N failed, N skipped" counting the test cases of all stages.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const resultsDir = join(root, 'test-results')
mkdirSync(resultsDir, { recursive: true })

const counts = { passed: 0, failed: 0, skipped: 0 }
const failedStages = []

function run(label, command, args, options = {}) {
  const started = Date.now()
  process.stdout.write(`\n=== ${label}\n`)
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...options.env },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const ok = result.status === 0
  process.stdout.write(
    `=== ${label}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s\n`,
  )
  if (!ok) failedStages.push(label)
  return ok
}

/** Adds a vitest JSON report's counts; a stage that crashed before reporting counts as one failure. */
function addVitestCounts(file, stageOk) {
  if (!existsSync(file)) {
    if (!stageOk) counts.failed += 1
    return
  }
  const report = JSON.parse(readFileSync(file, 'utf8'))
  counts.passed += report.numPassedTests ?? 0
  counts.failed += report.numFailedTests ?? 0
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  if (!stageOk && (report.numFailedTests ?? 0) === 0) counts.failed += 1
}

function findBrowser() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ]
  return candidates.find((p) => p && existsSync(p))
}

function vitest(label, project, report) {
  rmSync(report, { force: true })
  const ok = run(label, bin('vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ])
  addVitestCounts(report, ok)
}

const typecheckOk = run('typecheck: tsc', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])
const coreOk = run('typecheck: core purity (no DOM, no Node types)', bin('tsc'), [
  '--noEmit',
  '-p',
  'tsconfig.core.json',
])
const svelteOk = run('typecheck: svelte-check', bin('svelte-check'), [
  '--tsconfig',
  './tsconfig.json',
  '--threshold',
  'error',
])
const tally = (ok) => (ok ? counts.passed++ : counts.failed++)
for (const ok of [typecheckOk, coreOk, svelteOk]) tally(ok)
const lintOk = run('lint: eslint', bin('eslint'), ['.'])
const formatOk = run('lint: prettier', bin('prettier'), ['--check', '.', '--log-level', 'warn'])
for (const ok of [lintOk, formatOk]) tally(ok)

vitest('unit tests', 'unit', join(resultsDir, 'unit.json'))

const browser = findBrowser()
if (!browser) {
  process.stdout.write(
    '\nNo browser for the e2e tests. Install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.\n',
  )
  failedStages.push('e2e: no browser')
  counts.failed += 1
} else {
  const buildOk = run('build: electron-vite', bin('electron-vite'), ['build'])
  if (buildOk)
    vitest('e2e tests (Chromium through toonmo serve)', 'e2e', join(resultsDir, 'e2e.json'))
  else counts.failed += 1
}

const python = '/usr/bin/python3'
const hasTorch =
  existsSync(python) && spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0
if (existsSync(join(root, 'training', 'smoke.sh'))) {
  if (hasTorch) {
    tally(run('training smoke test', 'bash', [join(root, 'training', 'smoke.sh')]))
  } else {
    process.stdout.write(
      '\nSKIPPED training smoke test: /usr/bin/python3 with torch is missing (apt-get install python3-torch).\n',
    )
    counts.skipped++
  }
}

process.stdout.write(
  `\n${failedStages.length ? `Failed stages: ${failedStages.join(', ')}` : 'All stages passed.'}\n`,
)
process.stdout.write(
  `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
)
process.exitCode = failedStages.length ? 1 : 0
