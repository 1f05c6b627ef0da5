import { describe, expect, it } from 'vitest'
import { parseModelCard } from './modelCard'

const norm = { mean: new Array<number>(47).fill(0), std: new Array<number>(47).fill(1) }

describe('parseModelCard', () => {
  it('reads the normalisation and use_root_depth (absent = false)', () => {
    expect(parseModelCard({ normalisation: norm })).toEqual({ ...norm, useRootDepth: false })
    expect(parseModelCard({ normalisation: norm, use_root_depth: true }).useRootDepth).toBe(true)
  })

  it.each([
    ['not an object', 'card', /not a JSON object/],
    ['no normalisation', {}, /no "normalisation" entry/],
    [
      'short mean',
      { normalisation: { ...norm, mean: [0, 1] } },
      /normalisation.mean must be 47 finite numbers/,
    ],
    [
      'zero std',
      { normalisation: { ...norm, std: [0, ...norm.std.slice(1)] } },
      /std has a value that is not positive/,
    ],
    [
      'odd flag',
      { normalisation: norm, use_root_depth: 'yes' },
      /"use_root_depth" must be true or false/,
    ],
  ])('refuses a card with %s, saying what to do', (_name, card, message) => {
    expect(() => parseModelCard(card)).toThrow(message)
    expect(() => parseModelCard(card)).toThrow(/Reinstall the model files/)
  })
})
