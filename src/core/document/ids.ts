/**
 * Branded ids: a FootageId cannot be passed where a KeyId is expected, though both are strings
 * at run time. Ids are stable for a record's whole life, so saved files, undo history and
 * selections can refer to records without array indices.
 */
declare const brand: unique symbol
export type Brand<T, B extends string> = T & { readonly [brand]: B }

export type ProjectId = Brand<string, 'ProjectId'>
export type FootageId = Brand<string, 'FootageId'>
export type TrackId = Brand<string, 'TrackId'>
export type RigRefId = Brand<string, 'RigRefId'>
export type KeyId = Brand<string, 'KeyId'>

let counter = 0

/**
 * A new id such as `footage-lq3k9x-7f2a-1`: time, randomness and a per-process counter, so ids
 * made in the same millisecond still differ. Not a security token.
 */
export function createId<T extends string>(prefix: string): T {
  counter = (counter + 1) % 1_000_000
  const time = Date.now().toString(36)
  const random = Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')
  return `${prefix}-${time}-${random}-${counter.toString(36)}` as T
}
