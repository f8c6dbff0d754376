// AssemblyScript source of the engine's numeric kernels (WASM + SIMD).
// Compiled by `npm run build:kernels` into ../kernels-wasm.ts (base64), which the engine loads from bytes.
// Every pointer is a byte offset into this module's linear memory; every array is f32 (tokens: i32).
// Layouts: a linear layer's weight is [in, out] (row-major), activations are [rows, width].
// SIMD requirements (checked by the TypeScript caller): the `N` of mm_nn/mm_tn is a multiple of 8,
// the `K` of mm_nt is a multiple of 4, and the attention head size is a multiple of 4.

export function heapBase(): usize {
  return __heap_base;
}

export * from './matmul';
export * from './attention';
export * from './elementwise';
