// Errors in what a caller asked of the engine (as opposed to bugs or broken weights): a server answers them 400.

/** A request the engine refuses before doing any work; `field` names the offending input, e.g. `hooks.steering[0].vector`. */
export class EngineInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'EngineInputError';
    this.field = field;
  }
}
