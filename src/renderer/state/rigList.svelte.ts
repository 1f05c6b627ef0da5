import { api } from '../api/client'

/** The bundled rigs, for the character picker. Loaded once. */
class RigList {
  rigs = $state<{ name: string; title: string; description: string }[]>([])

  async load(): Promise<void> {
    if (this.rigs.length) return
    this.rigs = (await api['rigs.list']()).map(({ name, title, description }) => ({
      name,
      title,
      description,
    }))
  }
}

export const rigList = new RigList()
