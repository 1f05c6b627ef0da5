import { describe, expect, it } from 'vitest'
import { fileStemProblem, projectFileName, safeFileStem, titleFromPath } from './fileNames'

describe('titleFromPath', () => {
  it('takes the file or folder name without its extension or frame pattern', () => {
    expect(titleFromPath('/clips/walk cycle.mp4')).toBe('walk cycle')
    expect(titleFromPath('C:\\shoot\\take 3\\')).toBe('take 3')
    expect(titleFromPath('/frames/shot_%04d.png')).toBe('shot')
    expect(titleFromPath('/clips/archive.tar.gz')).toBe('archive.tar')
    expect(titleFromPath('/')).toBe('Untitled')
  })
})

describe('projectFileName', () => {
  it('makes a name every platform accepts', () => {
    expect(projectFileName('Walk')).toBe('Walk.toonmo')
    expect(projectFileName('Sample: tai chi')).toBe('Sample- tai chi.toonmo')
    expect(projectFileName('a/b\\c?*"<>|')).toBe('a-b-c------.toonmo')
    expect(projectFileName('ends with dots...')).toBe('ends with dots.toonmo')
    expect(projectFileName('   ')).toBe('Untitled.toonmo')
    expect(projectFileName('x'.repeat(300))).toHaveLength(120 + '.toonmo'.length)
  })
})

describe('safeFileStem and fileStemProblem', () => {
  it('keeps letters of every script and makes the rest safe', () => {
    expect(safeFileStem('太極 walk')).toBe('太極 walk')
    expect(safeFileStem('Sample: tai chi')).toBe('Sample- tai chi')
    expect(safeFileStem('con')).toBe('con_')
    expect(safeFileStem('', 'animation')).toBe('animation')
    for (const name of ['Sample: tai chi', 'con', 'a/b', 'x'.repeat(300), 'tab\there.', '太極']) {
      expect(fileStemProblem(safeFileStem(name)), name).toBeNull()
    }
  })

  it('says what is wrong with a name no platform should be given', () => {
    expect(fileStemProblem('')).toMatch(/name/)
    expect(fileStemProblem('a:b')).toMatch(/cannot contain/)
    expect(fileStemProblem('new\nline')).toMatch(/control characters/)
    expect(fileStemProblem('take.')).toMatch(/end with a dot/)
    expect(fileStemProblem('NUL')).toMatch(/device name/)
    expect(fileStemProblem('x'.repeat(121))).toMatch(/120 characters/)
    expect(fileStemProblem('walk cycle v2.final')).toBeNull()
  })
})
