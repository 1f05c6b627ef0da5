import { api } from '../api/client'

export interface RigChoice {
  name: string
  title: string
  description: string
}

/**
 * The rigs for the character picker: the bundled ones (loaded once) and the user's own, from
 * the user's rigs folder (reloaded after an import or a save, so a rig made earlier can be
 * picked again after switching to another character).
 */
class RigList {
  rigs = $state<RigChoice[]>([])
  /** The user's rigs; `file` is the rig.json a project refers to. */
  userRigs = $state<(RigChoice & { file: string })[]>([])

  async load(): Promise<void> {
    if (!this.rigs.length) {
      this.rigs = (await api['rigs.list']()).map(({ name, title, description }) => ({
        name,
        title,
        description,
      }))
    }
    await this.refreshUserRigs()
  }

  async refreshUserRigs(): Promise<void> {
    this.userRigs = await api['rigs.listUser']()
  }
}

export const rigList = new RigList()
