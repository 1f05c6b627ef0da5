/**
 * The lifting network as core sees it: one float32 input tensor in, one float32 output tensor out.
 * Injected so core never imports onnxruntime; main (Node, onnxruntime-web wasm) and the renderer
 * (a Web Worker, WebGPU or wasm) each provide one, tests may provide the real one too.
 *
 * Input dims are [batch, 47, time]; the answer must be [batch, 46, time] (see
 * training/CONTRACT.md).
 */
export interface RetargetSession {
  run(input: Float32Array, dims: number[]): Promise<{ data: Float32Array; dims: number[] }>
}
