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

/**
 * A file name for saving a project called `name`: characters that Windows, macOS or Linux
 * refuse in a file name (and control characters) become "-", so "Sample: tai chi" saves as
 * "Sample- tai chi.toonmo" instead of failing on Windows.
 */
export function projectFileName(name: string): string {
  const safe = name
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-')
    .replace(/[. ]+$/, '')
    .trim()
    .slice(0, 120)
  return `${safe || 'Untitled'}.toonmo`
}
