// The host platform the engine core relies on, declared by hand: the engine compiles without the DOM's or Node's
// type libraries (tsconfig.engine.json), so anything it uses from its host must be listed here — and must exist
// in browsers, Web Workers and Node alike. Only the engine's tsconfig includes this file.

declare namespace WebAssembly {
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}

type BufferSource = ArrayBufferView<ArrayBuffer> | ArrayBuffer;

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}

interface AbortSignal {
  readonly aborted: boolean;
}

declare function atob(data: string): string;
declare function setTimeout(handler: () => void, timeout?: number): unknown;
declare const performance: { now(): number };
