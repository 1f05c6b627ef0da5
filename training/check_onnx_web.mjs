// Checks models/retarget.onnx with onnxruntime-web (WebAssembly backend, in Node) against the
// PyTorch outputs stored in models/retarget.vectors.json. Needs the repo's node_modules.
//   node training/check_onnx_web.mjs [models_dir]
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? resolve(here, '..', 'models'));
const require = createRequire(resolve(here, '..', 'package.json'));
let ort;
try {
  ort = require('onnxruntime-web');
} catch (e) {
  console.log('SKIPPED: onnxruntime-web is not installed (npm install first)');
  process.exit(0);
}
ort.env.wasm.numThreads = 1;
const vec = JSON.parse(readFileSync(resolve(dir, 'retarget.vectors.json'), 'utf8'));
const model = readFileSync(resolve(dir, 'retarget.onnx'));
const t0 = Date.now();
const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
console.log(`load ${Date.now() - t0} ms`);
let worst = 0;
for (const v of vec.vectors) {
  const x = new ort.Tensor('float32', Float32Array.from(v.input), v.input_shape);
  const out = await session.run({ [vec.input_name]: x });
  const y = out[vec.output_name].data;
  let m = 0;
  for (let i = 0; i < y.length; i++) m = Math.max(m, Math.abs(y[i] - v.output[i]));
  console.log(`${v.name}: max |ort-web - torch| = ${m.toExponential(2)}`);
  worst = Math.max(worst, m);
}
if (!(worst <= vec.tolerance)) { console.error('FAIL'); process.exit(1); }
console.log('OK');
