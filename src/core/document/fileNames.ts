/**
 * Names derived from paths and for paths, shared by the app and the CLI. Paths may come from any
 * platform (a project saved on Windows opened on Linux), so both separators count.
 */

/** "walk" for "/clips/walk.mp4", "take 3" for "C:\\shoot\\take 3\\" (an image folder). */
export function titleFromPath(path: string): string {
  const last =
    path
      .split(/[\\/]+/)
      .filter(Boolean)
      .pop() ?? ''
  // Drop the extension and an image-sequence pattern such as "_%04d".
  const title = last
    .replace(/\.[^.]*$/, '')
    .replace(/[_-]?%0?\d*d$/, '')
    .trim()
  return title || 'Untitled'
}

// eslint-disable-next-line no-control-regex
const refusedCharacters = /[<>:"/\\|?*\u0000-\u001f]/g
/** Names Windows keeps for devices, with any extension: "con.png" cannot be created. */
const deviceNames = /^(con|prn|aux|nul|com\d|lpt\d)$/i
const maxStemLength = 120

/**
 * A file name stem (no extension) for `name` that Windows, macOS and Linux all accept: refused
 * characters (and control characters) become "-", trailing dots and spaces go, device names get
 * a "_", so "Sample: tai chi" becomes "Sample- tai chi". Letters of every script are kept.
 */
export function safeFileStem(name: string, fallback = 'Untitled'): string {
  const safe = name
    .replace(refusedCharacters, '-')
    .slice(0, maxStemLength)
    .replace(/[. ]+$/, '')
    .trim()
  if (!safe) return fallback
  return deviceNames.test(safe) ? `${safe}_` : safe
}

/** Why `stem` cannot name a file on every platform, or null when it can. */
export function fileStemProblem(stem: string): string | null {
  if (stem.trim() === '') return 'give the files a name'
  if (stem.length > maxStemLength) return `keep the name under ${maxStemLength} characters`
  if (new RegExp(refusedCharacters.source).test(stem))
    return 'a file name cannot contain < > : " / \\ | ? * or control characters'
  if (/[. ]$/.test(stem)) return 'a file name cannot end with a dot or a space'
  if (deviceNames.test(stem)) return `"${stem}" is a device name on Windows: choose another name`
  return null
}

/** A file name for saving a project called `name` (see safeFileStem). */
export function projectFileName(name: string): string {
  return `${safeFileStem(name)}.toonmo`
}
