import { describe, expect, it } from 'vitest'
import { BODY15_JOINTS } from '../skeleton/body15'
import { RetargetError } from './errors'
import { skeletonDoc, TARGETS } from './fixtures/syntheticClip'
import { parseTargetSkeleton } from './targetSkeleton'

function good(): { format: string; version: number; joints: string[]; rest: number[][] } {
  return structuredClone(skeletonDoc(TARGETS.chibi)) as never
}

function errorOf(doc: unknown): RetargetError {
  try {
    parseTargetSkeleton(doc)
  } catch (error) {
    expect(error).toBeInstanceOf(RetargetError)
    expect((error as RetargetError).code).toBe('badSkeleton')
    return error as RetargetError
  }
  throw new Error('expected parseTargetSkeleton to throw')
}

describe('parseTargetSkeleton', () => {
  it('reads a rest pose and its bone lengths and height', () => {
    const skel = parseTargetSkeleton(good())
    // chibi: head 70 + spine 55 above mid_hip, thigh 30 + shin 28 below.
    expect(skel.height).toBeCloseTo(70 + 55 + 30 + 28, 9)
    expect(skel.boneLengths[1]).toBeCloseTo(70, 9)
    expect(skel.boneLengths[9]).toBeCloseTo(30, 9)
    expect(Array.from(skel.rest.slice(16, 18))).toEqual([256, 300])
  })

  it('accepts the joints in another order and puts them in body15 order', () => {
    const doc = good()
    doc.joints.reverse()
    doc.rest.reverse()
    const skel = parseTargetSkeleton(doc)
    expect(Array.from(skel.rest)).toEqual(Array.from(parseTargetSkeleton(good()).rest))
  })

  it.each([
    ['not an object', [1, 2], /not a JSON object/],
    ['wrong format', { ...good(), format: 'toonmo.track' }, /"format" is "toonmo.track"/],
    ['newer version', { ...good(), version: 2 }, /reads version 1/],
    ['no joints', { ...good(), joints: undefined }, /no "joints" list/],
    ['14 joints', { ...good(), joints: BODY15_JOINTS.slice(1) }, /lists 14 joints; body15 has 15/],
    [
      'unknown joint',
      { ...good(), joints: ['head', ...BODY15_JOINTS.slice(1)] },
      /Joint 0 is "head", not a body15 name/,
    ],
    [
      'duplicate joint',
      { ...good(), joints: ['neck', ...BODY15_JOINTS.slice(1)] },
      /"neck" is listed twice/,
    ],
    [
      'rest too short',
      { ...good(), rest: good().rest.slice(1) },
      /15 joints but 14 rest positions/,
    ],
    [
      'non-numeric rest',
      { ...good(), rest: good().rest.map((p, i) => (i === 3 ? ['a', 1] : p)) },
      /rest position of "right_elbow"/,
    ],
    [
      '3D rest',
      { ...good(), rest: good().rest.map((p) => [...p, 0]) },
      /expected \[x, y\] in pixels/,
    ],
    ['flat rest', { ...good(), rest: good().rest.map((p) => [p[0], 5]) }, /no height/],
  ])('refuses %s with a clear message', (_name, doc, message) => {
    const error = errorOf(doc)
    expect(error.message).toMatch(message)
    // Every message also says what a SKEL file should look like.
    expect(error.message).toMatch(/toonmo rigs --skeleton/)
  })

  it('refuses a zero-length bone', () => {
    const doc = good()
    doc.rest[4] = [...(doc.rest[3] as number[])]
    expect(errorOf(doc).message).toMatch(/puts "right_wrist" on top of "right_elbow"/)
  })
})
