import type { z } from 'zod'
import { appMethods } from './appMethods'
import { detectionMethods } from './detectionMethods'
import { exportMethods } from './exportMethods'
import { footageMethods } from './footageMethods'
import { JobRunner } from './jobs'
import type { ApiContext, Method } from './method'
import { projectMethods } from './projectMethods'
import { retargetMethods } from './retargetMethods'
import { rigMethods } from './rigMethods'

export type { ApiContext, ApiEvents } from './method'

export { JobRunner } from './jobs'

/**
 * Every API method, by name. Each domain adds its methods in its own file. The host passes its
 * JobRunner when it must stop the jobs on shutdown.
 */
export function createApi(ctx: ApiContext, jobs = new JobRunner(ctx)) {
  return {
    ...appMethods(ctx),
    ...projectMethods(ctx),
    ...footageMethods(ctx, jobs),
    ...detectionMethods(ctx, jobs),
    ...rigMethods(),
    ...retargetMethods(),
    ...exportMethods(ctx, jobs),
  }
}

export type ApiImplementation = ReturnType<typeof createApi>

/** The renderer's view of the API, derived from the implementation above. */
export type ToonmoApi = {
  [K in keyof ApiImplementation]: ApiImplementation[K] extends Method<infer A, infer R>
    ? (...args: z.input<A>) => Promise<R>
    : never
}

export type ApiMethodName = keyof ApiImplementation
