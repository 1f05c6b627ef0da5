import { defaultCartoon } from './defaults'

type Json = Record<string, unknown>

/**
 * migrations[n] turns a format-n document into format n+1. Each works on plain JSON and must not
 * assume anything the older format did not guarantee. Add one per format change, plus a fixture
 * of the old format in fixtures/ that a test loads.
 */
export const migrations: Record<number, (doc: Json) => Json> = {
  // Format 1 had no cartoon controls and kept one rig name instead of rig records.
  1: (doc) => {
    const { rig, ...rest } = doc
    if (rig !== undefined && rig !== null && typeof rig !== 'string') {
      throw new Error('its "rig" field is not a rig name')
    }
    const rigs: Record<string, unknown> = {}
    let activeRigId: string | null = null
    if (typeof rig === 'string' && rig.length > 0) {
      activeRigId = 'rig-migrated-1'
      rigs[activeRigId] = { id: activeRigId, source: { kind: 'bundled', name: rig } }
    }
    return { ...rest, formatVersion: 2, rigs, activeRigId, cartoon: { ...defaultCartoon } }
  },
}
