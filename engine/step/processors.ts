// Logit processors: edit each step's logits in place after the model's own distribution is taken and before
// logit_bias, penalties and the filters (constraint masks set disallowed tokens to -Infinity here). A processor is a
// function, or an object when it keeps state across steps (a constraint matcher that follows the drawn tokens).

export interface ProcessorState {
  /** Tokens of the current attempt so far (the kept prefix after a rewind, then the new ones). Live: copy to keep. */
  readonly generated: readonly number[];
  /** Index of the token being chosen (= generated.length). */
  readonly step: number;
  /** Tokens left in the budget including this one: maxTokens - step (≥ 1). */
  readonly remaining: number;
  /** 1 + the number of rewinds so far. */
  readonly attempt: number;
}

export type LogitProcessorFn = (logits: Float32Array, state: ProcessorState) => void;

export interface StatefulLogitProcessor {
  process(logits: Float32Array, state: ProcessorState): void;
  /** Called with each drawn token that joins the output (never with end-of-text, which ends the generation). */
  accept?(token: number): void;
  /** The generation went back: forget every token from index `toIndex` on (toIndex tokens are kept). */
  rewind?(toIndex: number): void;
  /**
   * Whether the output may end after its first `outputLength` tokens, where a stop sequence that just completed
   * starts; false makes the stop sequence's characters ordinary text (a constraint not yet complete there).
   */
  canStop?(outputLength: number): boolean;
}

export type LogitProcessor = LogitProcessorFn | StatefulLogitProcessor;

export class ProcessorChain {
  private readonly fns: LogitProcessorFn[] = [];
  private readonly stateful: StatefulLogitProcessor[] = [];
  readonly active: boolean;

  constructor(list: readonly LogitProcessor[] = []) {
    for (const p of list) {
      if (typeof p === 'function') this.fns.push(p);
      else {
        this.stateful.push(p);
        this.fns.push((logits, state) => p.process(logits, state));
      }
    }
    this.active = this.fns.length > 0;
  }

  process(logits: Float32Array, state: ProcessorState): void {
    for (const f of this.fns) f(logits, state);
  }

  accept(token: number): void {
    for (const p of this.stateful) p.accept?.(token);
  }

  rewind(toIndex: number): void {
    for (const p of this.stateful) p.rewind?.(toIndex);
  }

  canStop(outputLength: number): boolean {
    for (const p of this.stateful) if (p.canStop && !p.canStop(outputLength)) return false;
    return true;
  }
}

/** True when every logit but end-of-text's is -Infinity: nothing but the end is allowed. */
export function onlyEndOfText(logits: ArrayLike<number>, eos: number): boolean {
  for (let i = 0; i < logits.length; i++) if (i !== eos && logits[i] !== Number.NEGATIVE_INFINITY) return false;
  return true;
}
