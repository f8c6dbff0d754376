// Checks a generation request before anything runs, so that a caller's mistake is an EngineInputError naming the
// field (a server answers it 400) instead of a silently ignored hook or a stale-memory result.
import { EngineInputError } from './errors.ts';
import type { GenerateOptions } from './generate.ts';
import { type HookShape, parseHook, validateHooks } from './hooks.ts';

/** The model dimensions a request is checked against (a ModelConfig will do). */
export interface RequestShape extends HookShape {
  readonly vocabSize: number;
}

/**
 * Throws EngineInputError for: prompt token ids outside the vocabulary (`prompt[i]`), bad hooks (`hooks…`, see
 * validateHooks), observers without observe() or a unique non-empty name or with unknown hooks
 * (`observers[k]…`), processors that are neither functions nor have process() (`logitProcessors[k]`), filters
 * without apply() (`filters[k]`). generate() runs it before anything else.
 */
export function validateGenerateOptions(shape: RequestShape, o: GenerateOptions): void {
  if (typeof o.prompt !== 'string') {
    o.prompt.forEach((t, i) => {
      if (!Number.isInteger(t) || t < 0 || t >= shape.vocabSize) {
        throw new EngineInputError(
          `prompt[${i}]`,
          `token id ${t} is outside the vocabulary (0..${shape.vocabSize - 1})`,
        );
      }
    });
  }
  validateHooks(shape, o.hooks, 'hooks');
  const names = new Set<string>();
  (o.observers ?? []).forEach((ob, k) => {
    const f = `observers[${k}]`;
    if (typeof ob?.observe !== 'function') throw new EngineInputError(f, `${f} has no observe() function`);
    if (typeof ob.name !== 'string' || ob.name === '') {
      throw new EngineInputError(`${f}.name`, `${f} needs a non-empty name`);
    }
    if (names.has(ob.name)) throw new EngineInputError(`${f}.name`, `observer name "${ob.name}" is used twice`);
    names.add(ob.name);
    (ob.hooks ?? []).forEach((h, j) => {
      parseHook(h, shape.nLayer, `${f}.hooks[${j}]`);
    });
  });
  (o.logitProcessors ?? []).forEach((p, k) => {
    if (typeof p !== 'function' && typeof p?.process !== 'function') {
      throw new EngineInputError(`logitProcessors[${k}]`, 'a logit processor is a function or has process()');
    }
  });
  (o.filters ?? []).forEach((flt, k) => {
    if (typeof flt?.apply !== 'function') {
      throw new EngineInputError(`filters[${k}]`, 'a sampling filter has apply()');
    }
  });
}
