import type { CompiledRig } from '../../core/rig/compileRig'
import type { RigAnimation } from '../../core/rig/animation'
import { holdFrames } from '../../core/rig/controls/timing'
import { applyEditLayer, groupKeysByBone } from '../../core/timeline/editLayer'
import { project } from './projectStore.svelte'

/**
 * The animation on screen, in layers: `base` is the motion solved onto the rig (from the
 * retargeted keypoints); `final` adds the cartoon controls and the animator's edit layer.
 * Derived state only: the document holds settings and keys, this holds what they produce.
 */
class AnimationStore {
  rig = $state.raw<CompiledRig | null>(null)
  base = $state.raw<RigAnimation | null>(null)
  /** Applies the cartoon controls except timing to the base; identity until a rig is loaded. */
  cartoon = $state.raw<(anim: RigAnimation) => RigAnimation>((anim) => anim)

  readonly bones: string[] = $derived(this.base?.bones ?? this.rig?.names.slice() ?? [])
  readonly frameCount: number = $derived(this.base?.frameCount ?? 1)

  /** Cartoon-controlled motion before the edit layer: the curve editor's "retargeted" line. */
  readonly driven: RigAnimation | null = $derived(this.base ? this.cartoon(this.base) : null)

  /**
   * What plays and exports. Timing (ones, twos, threes) comes last, after the animator's keys,
   * so held poses stay exactly still even where a key blends in.
   */
  readonly final: RigAnimation | null = $derived.by(() => {
    const driven = this.driven
    if (!driven) return null
    const timeline = project.doc.timeline
    const keys = groupKeysByBone(timeline.keys)
    const layered =
      keys.size === 0
        ? driven
        : {
            ...driven,
            rotations: applyEditLayer(driven.rotations, driven.bones, keys, timeline.blendFrames),
          }
    return holdFrames(layered, project.doc.cartoon.timing)
  })
}

export const animation = new AnimationStore()
