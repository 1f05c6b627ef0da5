/**
 * Code run inside headless Chromium to read a layered SVG (kept as plain JavaScript text, so
 * no bundler helper can leak into it). `toonmoSvgTree` parses the file and lists its groups;
 * `toonmoSvgLayer` cuts one group out as a standalone SVG, rasterises it on the canvas and
 * returns the box of its drawn pixels with the SVG cropped to that box. Chromium does the
 * parsing, styling, transforms, strokes and filters, so the box is what the artist sees.
 */
export const SVG_PAGE_SCRIPT = String.raw`
(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg'
  const INKSCAPE_NS = 'http://www.inkscape.org/namespaces/inkscape'
  const RESOURCES = new Set(['defs', 'style', 'linearGradient', 'radialGradient', 'pattern',
    'clipPath', 'mask', 'filter', 'symbol', 'marker'])
  const UNITS = { px: 1, '': 1, pt: 96 / 72, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 }
  let state = null

  function length(text) {
    const m = /^\s*([0-9.eE+-]+)\s*([a-z]*)\s*$/.exec(text || '')
    if (!m || !(m[2] in UNITS)) return null
    const v = Number(m[1]) * UNITS[m[2]]
    return Number.isFinite(v) && v > 0 ? v : null
  }
  function hidden(el) {
    return el.getAttribute('display') === 'none' || el.getAttribute('visibility') === 'hidden' ||
      /(^|;)\s*display\s*:\s*none/.test(el.getAttribute('style') || '')
  }
  function nameOf(el) {
    return el.getAttributeNS(INKSCAPE_NS, 'label') || el.getAttribute('data-name') ||
      el.getAttribute('id') || null
  }
  function groups(parent, path) {
    const out = []
    Array.from(parent.children).forEach((child, i) => {
      if (child.namespaceURI !== SVG_NS || child.localName !== 'g' || hidden(child)) return
      out.push({ path: path.concat(i), name: nameOf(child), children: groups(child, path.concat(i)) })
    })
    return out
  }

  window.toonmoSvgTree = (text, maxSide) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    const error = doc.querySelector('parsererror')
    if (error) return { error: 'parse', message: (error.textContent || '').trim().slice(0, 300) }
    const root = doc.documentElement
    if (root.namespaceURI !== SVG_NS || root.localName !== 'svg') return { error: 'notSvg' }
    const vb = (root.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number)
    let origin = [0, 0]
    let size = null
    if (vb.length === 4 && vb.every(Number.isFinite) && vb[2] > 0 && vb[3] > 0) {
      origin = [vb[0], vb[1]]
      size = [vb[2], vb[3]]
    } else {
      const w = length(root.getAttribute('width'))
      const h = length(root.getAttribute('height'))
      if (w && h) size = [w, h]
    }
    if (!size) return { error: 'noSize' }
    if (size[0] > maxSide || size[1] > maxSide) return { error: 'tooBig', size }
    state = { root, origin, size }
    return { size, groups: groups(root, []) }
  }

  window.toonmoSvgLayer = async (path, maxRaster) => {
    const { root, origin, size } = state
    const out = root.cloneNode(false)
    for (const child of Array.from(root.children)) {
      if (RESOURCES.has(child.localName)) out.appendChild(child.cloneNode(true))
    }
    // Ancestor groups are kept (shallow) so their transforms and inherited styles still apply.
    let container = out
    let node = root
    path.forEach((index, depth) => {
      node = node.children[index]
      const copy = depth === path.length - 1 ? node.cloneNode(true) : node.cloneNode(false)
      container.appendChild(copy)
      container = copy
    })
    const scale = Math.min(1, maxRaster / Math.max(size[0], size[1]))
    const w = Math.max(1, Math.ceil(size[0] * scale))
    const h = Math.max(1, Math.ceil(size[1] * scale))
    out.setAttribute('viewBox', origin.concat(size).join(' '))
    out.setAttribute('width', String(w))
    out.setAttribute('height', String(h))
    out.setAttribute('preserveAspectRatio', 'none')
    const img = new Image()
    img.src = 'data:image/svg+xml;charset=utf-8,' +
      encodeURIComponent(new XMLSerializer().serializeToString(out))
    try {
      await img.decode()
    } catch (e) {
      return { error: 'render', message: String(e && e.message || e) }
    }
    const canvas = document.createElement('canvas')
    canvas.width = w
    canvas.height = h
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    ctx.drawImage(img, 0, 0, w, h)
    const data = ctx.getImageData(0, 0, w, h).data
    let minX = w, minY = h, maxX = -1, maxY = -1
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (data[(y * w + x) * 4 + 3] === 0) continue
        if (x < minX) minX = x
        if (x > maxX) maxX = x
        if (y < minY) minY = y
        if (y > maxY) maxY = y
      }
    }
    if (maxX < 0) return { empty: true }
    const x0 = Math.max(0, Math.floor(minX / scale))
    const y0 = Math.max(0, Math.floor(minY / scale))
    const x1 = Math.min(Math.ceil(size[0]), Math.ceil((maxX + 1) / scale))
    const y1 = Math.min(Math.ceil(size[1]), Math.ceil((maxY + 1) / scale))
    out.setAttribute('viewBox', [origin[0] + x0, origin[1] + y0, x1 - x0, y1 - y0].join(' '))
    out.setAttribute('width', String(x1 - x0))
    out.setAttribute('height', String(y1 - y0))
    out.removeAttribute('preserveAspectRatio')
    return {
      box: [x0, y0, x1 - x0, y1 - y0],
      svg: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out),
    }
  }
})()
`
