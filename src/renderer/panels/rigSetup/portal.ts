/**
 * Moves an element to the end of <body>, so a dialog opened from inside a panel is not clipped
 * or stacked under other panels by the panel's own overflow and stacking context.
 */
export function portal(node: HTMLElement): { destroy(): void } {
  document.body.appendChild(node)
  return { destroy: () => node.remove() }
}
