/**
 * One Content-Security-Policy for Electron and the browser host. 'wasm-unsafe-eval' lets
 * MediaPipe and ONNX Runtime compile WebAssembly; nothing else may eval. blob: workers are how
 * bundlers start web workers. connect-src 'self' covers the local API of `toonmo serve`.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ')
