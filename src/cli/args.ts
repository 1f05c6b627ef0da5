import { UsageError } from './command'

export interface ParsedArgs {
  positionals: string[]
  options: Map<string, string | true>
}

/**
 * Parses `--name value`, `--name=value`, `-o value` and bare `--flag` arguments. `flags` lists the
 * options that take no value; every other option consumes the next argument.
 */
export function parseArgs(
  args: string[],
  known: { flags: string[]; options: string[]; aliases?: Record<string, string> },
): ParsedArgs {
  const positionals: string[] = []
  const options = new Map<string, string | true>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg)
      continue
    }
    let name = arg.replace(/^--?/, '')
    let value: string | undefined
    const eq = name.indexOf('=')
    if (eq >= 0) {
      value = name.slice(eq + 1)
      name = name.slice(0, eq)
    }
    name = known.aliases?.[name] ?? name
    if (known.flags.includes(name)) {
      options.set(name, true)
    } else if (known.options.includes(name)) {
      if (value === undefined) {
        value = args[++i]
        if (value === undefined) throw new UsageError(`--${name} needs a value`)
      }
      options.set(name, value)
    } else {
      throw new UsageError(`unknown option ${arg}`)
    }
  }
  return { positionals, options }
}

/** The string value of an option, or undefined; a bare flag where a value is needed is an error. */
export function optionString(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.options.get(name)
  if (v === true) throw new UsageError(`--${name} needs a value`)
  return v
}
