import type { ApiImplementation } from './index'
import type { Method } from './method'
import { ApiError } from './method'

/** Calls a method by name after validating its arguments. Used by Electron IPC and `serve`. */
export async function dispatch(
  api: ApiImplementation,
  name: unknown,
  args: unknown,
): Promise<unknown> {
  if (typeof name !== 'string' || !Object.hasOwn(api, name)) {
    throw new ApiError(`Unknown API method ${JSON.stringify(name)}.`, 'unknownMethod')
  }
  const m = (api as unknown as Record<string, Method>)[name] as Method
  const parsed = m.args.safeParse(args)
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'args'}: ${i.message}`)
      .join('; ')
    throw new ApiError(`Bad arguments for ${name}: ${detail}`, 'badArguments')
  }
  return m.run(...(parsed.data as unknown[]))
}

/** The plain-object form of an error that crosses the bridge. */
export function serializeError(error: unknown): { message: string; kind: string } {
  if (error instanceof Error) {
    const kind = (error as { kind?: unknown }).kind
    return { message: error.message, kind: typeof kind === 'string' ? kind : error.name }
  }
  return { message: String(error), kind: 'Error' }
}
