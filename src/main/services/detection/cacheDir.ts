import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Toonmo's cache root: TOONMO_CACHE_DIR, else ~/.cache/toonmo. Everything in it can be deleted;
 * it only saves time (detected tracks, the built detector page).
 */
export function cacheRoot(): string {
  return process.env.TOONMO_CACHE_DIR ?? join(homedir(), '.cache', 'toonmo')
}

/** Where detected tracks are cached, keyed by footage hash + model + settings. */
export function trackCacheDir(): string {
  return process.env.TOONMO_CACHE_DIR
    ? join(process.env.TOONMO_CACHE_DIR, 'tracks')
    : join(cacheRoot(), 'tracks')
}
