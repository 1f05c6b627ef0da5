import { crc32 } from 'node:zlib'

export interface ZipEntry {
  name: string
  data: Uint8Array
}

/**
 * A stored (method 0) zip with a fixed timestamp, so the bytes are reproducible. Each entry's data
 * starts on a 64-byte boundary (padding in the local header's extra field, as Android's zipalign
 * does) so a reader may use the model in place.
 */
export function storedZip(entries: ZipEntry[]): Uint8Array {
  const dosTime = 0 // 00:00:00
  const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1 // 2024-01-01
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name)
    const crc = crc32(entry.data)
    let extra = (64 - ((offset + 30 + name.length) % 64)) % 64
    if (extra > 0 && extra < 4) extra += 64
    const local = new DataView(new ArrayBuffer(30 + name.length + extra))
    local.setUint32(0, 0x04034b50, true)
    local.setUint16(4, 10, true) // version needed: 1.0 (stored)
    local.setUint16(6, 0, true)
    local.setUint16(8, 0, true) // method: stored
    local.setUint16(10, dosTime, true)
    local.setUint16(12, dosDate, true)
    local.setUint32(14, crc, true)
    local.setUint32(18, entry.data.length, true)
    local.setUint32(22, entry.data.length, true)
    local.setUint16(26, name.length, true)
    local.setUint16(28, extra, true)
    new Uint8Array(local.buffer).set(name, 30)
    if (extra > 0) {
      local.setUint16(30 + name.length, 0xd935, true) // alignment padding extra field
      local.setUint16(32 + name.length, extra - 4, true)
    }
    const cd = new DataView(new ArrayBuffer(46 + name.length))
    cd.setUint32(0, 0x02014b50, true)
    cd.setUint16(4, 20, true)
    cd.setUint16(6, 10, true)
    cd.setUint16(8, 0, true)
    cd.setUint16(10, 0, true)
    cd.setUint16(12, dosTime, true)
    cd.setUint16(14, dosDate, true)
    cd.setUint32(16, crc, true)
    cd.setUint32(20, entry.data.length, true)
    cd.setUint32(24, entry.data.length, true)
    cd.setUint16(28, name.length, true)
    cd.setUint32(42, offset, true)
    new Uint8Array(cd.buffer).set(name, 46)
    chunks.push(new Uint8Array(local.buffer), entry.data)
    central.push(new Uint8Array(cd.buffer))
    offset += local.byteLength + entry.data.length
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0)
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, entries.length, true)
  end.setUint16(10, entries.length, true)
  end.setUint32(12, cdSize, true)
  end.setUint32(16, offset, true)
  const all = [...chunks, ...central, new Uint8Array(end.buffer)]
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0))
  let p = 0
  for (const c of all) {
    out.set(c, p)
    p += c.length
  }
  return out
}

/** Lists a stored zip's entries (name, data offset, size) from its central directory. */
export function listStoredZip(
  zip: Uint8Array,
): { name: string; method: number; offset: number; size: number; crc: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const eocd = zip.length - 22
  if (view.getUint32(eocd, true) !== 0x06054b50) throw new Error('no end of central directory')
  const count = view.getUint16(eocd + 10, true)
  let p = view.getUint32(eocd + 16, true)
  const out = []
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    const localOffset = view.getUint32(p + 42, true)
    const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLength))
    const localName = view.getUint16(localOffset + 26, true)
    const localExtra = view.getUint16(localOffset + 28, true)
    out.push({
      name,
      method: view.getUint16(p + 10, true),
      offset: localOffset + 30 + localName + localExtra,
      size: view.getUint32(p + 24, true),
      crc: view.getUint32(p + 16, true),
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  return out
}
