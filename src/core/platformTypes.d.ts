/**
 * The few host types core may mention without importing a platform. Both browsers and Node
 * provide these globals; declaring only what core uses keeps core compilable with no DOM or Node
 * typings (tsconfig.core.json), and merges with the full declarations elsewhere.
 */
interface AbortSignal {
  readonly aborted: boolean
  readonly reason: unknown
}
