import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_BASE64 } from '../engine/kernels/kernels-wasm.ts';
import { compileKernels, renderKernelsModule } from './build-kernels.ts';

describe('committed kernels', () => {
  it('engine/kernels/kernels-wasm.ts is up to date with the AssemblyScript source', () => {
    const fresh = renderKernelsModule(compileKernels());
    const b64 = fresh
      .match(/'([A-Za-z0-9+/=]+)'/g)
      ?.map((s) => s.slice(1, -1))
      .join('');
    expect(b64).toBe(KERNELS_WASM_BASE64);
  });
});
