// Steering a running generation from outside: rewind to an earlier token and change hooks mid-run. The caller
// creates a control, passes it in GenerateOptions.control, and calls it between tokens (e.g. from a message
// handler); generate() honours the requests at the start of its next step.
import { EngineInputError } from '../errors.ts';
import { type HookShape, type Hooks, validateHooks } from '../hooks.ts';

/** What generate() tells the control about the generation it runs. */
export interface ControlBinding {
  readonly shape: HookShape;
  /** Tokens in the current attempt's history (kept prefix + new tokens, held-back ones included). */
  length(): number;
  /** 1 + rewinds applied so far. */
  attempt(): number;
}

export interface ControlRequest {
  /** Drop the tokens with index ≥ rewindTo. */
  readonly rewindTo?: number;
  /** Replace the caller's hooks. */
  readonly hooks?: Hooks;
}

interface Internal {
  binding?: ControlBinding;
  rewindTo?: number;
  hooks?: Hooks;
}

const internals = new WeakMap<GenerationControl, Internal>();
const inner = (c: GenerationControl): Internal => internals.get(c) as Internal;

export class GenerationControl {
  constructor() {
    internals.set(this, {});
  }

  /** Whether a generation is running with this control. */
  get running(): boolean {
    return inner(this).binding !== undefined;
  }

  /** Tokens in the running generation's current history (0 when none is running). */
  get length(): number {
    return inner(this).binding?.length() ?? 0;
  }

  /** 1 + rewinds applied so far in the running generation (0 when none is running). */
  get attempt(): number {
    return inner(this).binding?.attempt() ?? 0;
  }

  /**
   * At the start of the next step: drop every token with index ≥ toIndex (released or held back), rebuild the
   * KV cache from the prompt and the kept tokens (with `opts.hooks` when given), and continue at index toIndex
   * with attempt + 1. The PRNG is not rewound. Several requests before the next step: the lowest index wins.
   * Throws EngineInputError (field `rewind.toIndex` / `rewind.hooks…`) for an index outside 0..length, bad hooks,
   * or when no generation is running.
   */
  rewind(toIndex: number, opts?: { readonly hooks?: Hooks }): void {
    const s = this.bound('rewind');
    const n = s.binding.length();
    if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex > n) {
      throw new EngineInputError('rewind.toIndex', `rewind index ${toIndex} is outside 0..${n} (tokens so far)`);
    }
    if (opts?.hooks) validateHooks(s.binding.shape, opts.hooks, 'rewind.hooks');
    s.rewindTo = s.rewindTo === undefined ? toIndex : Math.min(s.rewindTo, toIndex);
    if (opts?.hooks) s.hooks = opts.hooks;
  }

  /**
   * Replaces the hooks (steering, capture) from the next fed position on: the token drawn last is fed with the old
   * ones, later tokens with these. Throws EngineInputError (field `hooks…`) for bad hooks or no running generation.
   */
  setHooks(hooks: Hooks): void {
    const s = this.bound('setHooks');
    validateHooks(s.binding.shape, hooks, 'hooks');
    s.hooks = hooks;
  }

  private bound(what: string): Internal & { binding: ControlBinding } {
    const s = inner(this);
    if (!s.binding) throw new EngineInputError('control', `${what}: no generation is running with this control`);
    return s as Internal & { binding: ControlBinding };
  }
}

/** Engine side: attaches a control to a generation (replacing any earlier binding) and clears old requests. */
export function bindControl(c: GenerationControl, binding: ControlBinding): void {
  internals.set(c, { binding });
}

export function unbindControl(c: GenerationControl, binding: ControlBinding): void {
  if (inner(c).binding === binding) internals.set(c, {});
}

/** Engine side: whether a rewind is waiting for the next step. */
export function rewindPending(c: GenerationControl | undefined): boolean {
  return c !== undefined && inner(c).rewindTo !== undefined;
}

/** Engine side: takes the waiting requests (undefined when none). */
export function takeRequest(c: GenerationControl): ControlRequest | undefined {
  const s = inner(c);
  if (s.rewindTo === undefined && s.hooks === undefined) return undefined;
  const r: ControlRequest = { rewindTo: s.rewindTo, hooks: s.hooks };
  s.rewindTo = undefined;
  s.hooks = undefined;
  return r;
}
