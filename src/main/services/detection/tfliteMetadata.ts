/**
 * Adding TFLite metadata to a .tflite flatbuffer without a schema compiler: a minimal
 * ModelMetadata ("M001", tensorflow/lite metadata_schema.fbs) and the surgery that lists it in the
 * model's `metadata` vector (tensorflow/lite schema.fbs `table Model`). Used by
 * scripts/assemble-models.ts to make the legacy @mediapipe/pose models loadable by the Tasks API.
 */
import { Builder, ByteBuffer } from 'flatbuffers'

/** A minimal TFLite ModelMetadata flatbuffer: one subgraph, input 0 an RGB image, normalised. */
export function buildImageInputMetadata(name: string, mean: number, std: number): Uint8Array {
  const b = new Builder(256)
  const floatVector = (value: number): number => {
    b.startVector(4, 1, 4)
    b.addFloat32(value)
    return b.endVector()
  }
  const meanVec = floatVector(mean)
  const stdVec = floatVector(std)
  // NormalizationOptions { mean:[float] (0); std:[float] (1) }
  b.startObject(2)
  b.addFieldOffset(0, meanVec, 0)
  b.addFieldOffset(1, stdVec, 0)
  const normalization = b.endObject()
  // ProcessUnit { options: ProcessUnitOptions union (type slot 0, value slot 1) }; 1 = Normalization
  b.startObject(2)
  b.addFieldInt8(0, 1, 0)
  b.addFieldOffset(1, normalization, 0)
  const processUnit = b.endObject()
  b.startVector(4, 1, 4)
  b.addOffset(processUnit)
  const processUnits = b.endVector()
  // ImageProperties { color_space:byte (0) }; 1 = RGB
  b.startObject(2)
  b.addFieldInt8(0, 1, 0)
  const imageProperties = b.endObject()
  // Content { content_properties union (type slot 0, value slot 1); range (2) }; 2 = ImageProperties
  b.startObject(3)
  b.addFieldInt8(0, 2, 0)
  b.addFieldOffset(1, imageProperties, 0)
  const content = b.endObject()
  const tensorName = b.createString('image')
  // TensorMetadata { name (0), description (1), dimension_names (2), content (3), process_units (4) }
  b.startObject(7)
  b.addFieldOffset(0, tensorName, 0)
  b.addFieldOffset(3, content, 0)
  b.addFieldOffset(4, processUnits, 0)
  const tensor = b.endObject()
  b.startVector(4, 1, 4)
  b.addOffset(tensor)
  const inputs = b.endVector()
  // SubGraphMetadata { name (0), description (1), input_tensor_metadata (2), ... }
  b.startObject(5)
  b.addFieldOffset(2, inputs, 0)
  const subgraph = b.endObject()
  b.startVector(4, 1, 4)
  b.addOffset(subgraph)
  const subgraphs = b.endVector()
  const modelName = b.createString(name)
  const parserVersion = b.createString('1.0.0')
  // ModelMetadata { name (0), ..., subgraph_metadata (3), ..., min_parser_version (7) }
  b.startObject(8)
  b.addFieldOffset(0, modelName, 0)
  b.addFieldOffset(3, subgraphs, 0)
  b.addFieldOffset(7, parserVersion, 0)
  const root = b.endObject()
  b.finish(root, 'M001')
  return b.asUint8Array().slice()
}

/** Fields of tflite's `table Model`, by vtable slot. */
const modelSlots = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const
const modelSlotCount = 8

function fieldPosition(bb: ByteBuffer, table: number, slot: number): number | undefined {
  const vtable = table - bb.readInt32(table)
  const vtableSize = bb.readUint16(vtable)
  const entry = 4 + 2 * slot
  if (entry >= vtableSize) return undefined
  const offset = bb.readUint16(vtable + entry)
  return offset === 0 ? undefined : table + offset
}

function derefOffset(bb: ByteBuffer, position: number): number {
  return position + bb.readUint32(position)
}

function vectorTargets(bb: ByteBuffer, vector: number): number[] {
  const length = bb.readUint32(vector)
  return Array.from({ length }, (_, i) => derefOffset(bb, vector + 4 + 4 * i))
}

/**
 * A little-endian writer for the bytes we prepend to a model; `fixups` are uoffsets to patch once
 * every target position is known.
 */
class PrefixWriter {
  bytes: number[] = []
  private fixups: { at: number; target: () => number }[] = []
  get length(): number {
    return this.bytes.length
  }
  align(n: number, extra = 0): void {
    while ((this.bytes.length + extra) % n !== 0) this.bytes.push(0)
  }
  u8(v: number): void {
    this.bytes.push(v & 0xff)
  }
  u16(v: number): void {
    this.u8(v)
    this.u8(v >> 8)
  }
  u32(v: number): void {
    this.u16(v & 0xffff)
    this.u16(v >>> 16)
  }
  /** A uoffset to a position resolved later (it must lie after this field). */
  offsetTo(target: () => number): void {
    this.fixups.push({ at: this.bytes.length, target })
    this.u32(0)
  }
  finish(): Uint8Array {
    const out = Uint8Array.from(this.bytes)
    const view = new DataView(out.buffer)
    for (const { at, target } of this.fixups) {
      const t = target()
      if (t <= at) throw new Error('flatbuffer offsets must point forward')
      view.setUint32(at, t - at, true)
    }
    return out
  }
}

/**
 * Returns a copy of a tflite model with `metadata` added as a new buffer, listed in the model's
 * `metadata` vector as "TFLITE_METADATA". Flatbuffer offsets are relative and point forward, so
 * we prepend a new root table (and the new buffer) in front of the untouched original: every old
 * offset stays valid, and the new table can point forward into the old subgraphs and buffers.
 * The prefix is a multiple of 16 bytes so the old buffers keep their 16-byte alignment.
 */
export function addTfliteMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array {
  const bb = new ByteBuffer(model)
  if (bb.getBufferIdentifier() !== 'TFL3')
    throw new Error('not a TFLite model (no TFL3 identifier)')
  const root = bb.readUint32(0)
  const slot = (s: number): number | undefined => fieldPosition(bb, root, s)
  const oldBuffersPos = slot(modelSlots.buffers)
  const oldBuffers =
    oldBuffersPos === undefined ? [] : vectorTargets(bb, derefOffset(bb, oldBuffersPos))
  for (const buffer of oldBuffers) {
    const offsetField = fieldPosition(bb, buffer, 1)
    if (offsetField !== undefined && bb.readUint64(offsetField) > 1n) {
      throw new Error('models with out-of-flatbuffer buffers (offset/size) are not supported')
    }
  }
  const oldMetadataPos = slot(modelSlots.metadata)
  const oldMetadata =
    oldMetadataPos === undefined ? [] : vectorTargets(bb, derefOffset(bb, oldMetadataPos))
  for (const entry of oldMetadata) {
    const nameField = fieldPosition(bb, entry, 0)
    if (nameField !== undefined && bb.__string(nameField) === 'TFLITE_METADATA') {
      throw new Error('model already has TFLITE_METADATA')
    }
  }

  const w = new PrefixWriter()
  let prefixSize = 0
  const old = (position: number) => (): number => position + prefixSize
  const positions: Record<string, number> = {}
  const at = (name: string) => (): number => {
    const p = positions[name]
    if (p === undefined) throw new Error(`unresolved ${name}`)
    return p
  }

  w.offsetTo(at('model'))
  for (const c of 'TFL3') w.u8(c.charCodeAt(0))

  // Model vtable, then the table. Copied fields keep their slot; buffers and metadata are new.
  const copied: { slot: number; kind: 'u32' | 'offset'; target?: () => number; value?: number }[] =
    []
  const versionPos = slot(modelSlots.version)
  copied.push({
    slot: modelSlots.version,
    kind: 'u32',
    value: versionPos ? bb.readUint32(versionPos) : 3,
  })
  for (const s of [
    modelSlots.operatorCodes,
    modelSlots.subgraphs,
    modelSlots.description,
    modelSlots.metadataBuffer,
    modelSlots.signatureDefs,
  ]) {
    const p = slot(s)
    if (p !== undefined) copied.push({ slot: s, kind: 'offset', target: old(derefOffset(bb, p)) })
  }
  copied.push({ slot: modelSlots.buffers, kind: 'offset', target: at('buffers') })
  copied.push({ slot: modelSlots.metadata, kind: 'offset', target: at('metadataVector') })
  copied.sort((a, b) => a.slot - b.slot)

  const vtable = w.length
  w.u16(4 + 2 * modelSlotCount)
  w.u16(4 + 4 * copied.length)
  for (let s = 0; s < modelSlotCount; s++) {
    const index = copied.findIndex((c) => c.slot === s)
    w.u16(index < 0 ? 0 : 4 + 4 * index)
  }
  w.align(4)
  positions.model = w.length
  w.u32(w.length - vtable) // soffset: the vtable lies before the table
  for (const field of copied) {
    if (field.kind === 'u32') w.u32(field.value ?? 0)
    else w.offsetTo(field.target as () => number)
  }

  positions.buffers = w.length
  w.u32(oldBuffers.length + 1)
  for (const buffer of oldBuffers) w.offsetTo(old(buffer))
  w.offsetTo(at('newBuffer'))

  positions.metadataVector = w.length
  w.u32(oldMetadata.length + 1)
  for (const entry of oldMetadata) w.offsetTo(old(entry))
  w.offsetTo(at('newMetadata'))

  // Metadata { name:string (0); buffer:uint (1) }
  const metadataVtable = w.length
  w.u16(8)
  w.u16(12)
  w.u16(4)
  w.u16(8)
  positions.newMetadata = w.length
  w.u32(w.length - metadataVtable)
  w.offsetTo(at('metadataName'))
  w.u32(oldBuffers.length)
  positions.metadataName = w.length
  const name = 'TFLITE_METADATA'
  w.u32(name.length)
  for (const c of name) w.u8(c.charCodeAt(0))
  w.u8(0)
  w.align(4)

  // Buffer { data:[ubyte] (0) }
  const bufferVtable = w.length
  w.u16(6)
  w.u16(8)
  w.u16(4)
  w.align(4)
  positions.newBuffer = w.length
  w.u32(w.length - bufferVtable)
  w.offsetTo(at('bufferData'))
  w.align(16, 4) // buffer data is force_align 16
  positions.bufferData = w.length
  w.u32(metadata.length)
  for (const byte of metadata) w.u8(byte)
  w.align(16)
  prefixSize = w.length

  const prefix = w.finish()
  const out = new Uint8Array(prefix.length + model.length)
  out.set(prefix, 0)
  out.set(model, prefix.length)
  return out
}

/** Reads the TFLITE_METADATA buffer back out of a model, or undefined when there is none. */
export function readTfliteMetadata(model: Uint8Array): Uint8Array | undefined {
  const bb = new ByteBuffer(model)
  const root = bb.readUint32(0)
  const metadataPos = fieldPosition(bb, root, modelSlots.metadata)
  const buffersPos = fieldPosition(bb, root, modelSlots.buffers)
  if (metadataPos === undefined || buffersPos === undefined) return undefined
  const buffers = vectorTargets(bb, derefOffset(bb, buffersPos))
  for (const entry of vectorTargets(bb, derefOffset(bb, metadataPos))) {
    const nameField = fieldPosition(bb, entry, 0)
    if (nameField === undefined || bb.__string(nameField) !== 'TFLITE_METADATA') continue
    const indexField = fieldPosition(bb, entry, 1)
    const buffer = buffers[indexField === undefined ? 0 : bb.readUint32(indexField)]
    if (buffer === undefined) return undefined
    const dataField = fieldPosition(bb, buffer, 0)
    if (dataField === undefined) return undefined
    const data = derefOffset(bb, dataField)
    return model.subarray(data + 4, data + 4 + bb.readUint32(data))
  }
  return undefined
}
