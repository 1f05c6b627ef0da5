import { describe, expect, it } from 'vitest'
import { projectFileName, titleFromPath } from './fileNames'

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
