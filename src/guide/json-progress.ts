// Where a JSON text that is still streaming has got to: the open brackets, the path of keys and indexes to the
// value being written, whether it is inside a string, and whether a whole value has closed at the top level. A
// scanner fed chunk by chunk (each character is read once), and `jsonProgress` for a whole prefix. It describes
// position only: it is no validator, and characters that do not fit JSON are passed over.

export interface JsonProgress {
  /** How many brackets are open (the length of `open` in brackets). */
  readonly depth: number;
  /** Keys and array indexes from the top to the value being written (a key counts once it has begun). */
  readonly path: readonly (string | number)[];
  /** The open brackets, outermost first, separated by spaces: '{ [ {'. */
  readonly open: string;
  /** Inside a string (a key or a value). */
  readonly inString: boolean;
  /** The innermost object's current key (as far as written), when the innermost bracket is an object's. */
  readonly currentKey?: string;
  /** A whole JSON value was closed at the top level (a top-level number only once something follows it). */
  readonly complete: boolean;
}

/** Where an object's member is: before its key, in or after the key, or in or after its value. */
type Phase = 'key' | 'colon' | 'value' | 'comma';

interface Frame {
  readonly bracket: '{' | '[';
  index: number;
  key?: string;
  phase: Phase;
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const WS = new Set([' ', '\t', '\n', '\r']);

export interface ProgressScanner {
  /** Reads the next chunk of the text and says where it has got to. */
  push(chunk: string): JsonProgress;
  /** Where it has got to. */
  progress(): JsonProgress;
}

export function createProgressScanner(): ProgressScanner {
  const stack: Frame[] = [];
  let inString = false;
  let stringIsKey = false;
  let escaped = false;
  let hex: string | undefined; // the digits of a \u escape so far
  let scalar = ''; // a top-level number or literal being written
  let complete = false;

  const top = () => stack[stack.length - 1];
  const keyChar = (c: string) => {
    const f = top();
    if (stringIsKey && f) f.key = (f.key ?? '') + c;
  };
  /** A value ended inside the innermost bracket, or at the top level. */
  const valueDone = () => {
    const f = top();
    if (!f) complete = true;
    else if (f.bracket === '{') f.phase = 'comma';
  };

  const readString = (c: string) => {
    if (hex !== undefined) {
      hex += c;
      if (hex.length === 4) {
        keyChar(String.fromCharCode(Number.parseInt(hex, 16) || 0));
        hex = undefined;
      }
    } else if (escaped) {
      escaped = false;
      if (c === 'u') hex = '';
      else keyChar(ESCAPES[c] ?? c);
    } else if (c === '\\') escaped = true;
    else if (c === '"') {
      inString = false;
      const f = top();
      if (stringIsKey && f) f.phase = 'colon';
      else valueDone();
    } else keyChar(c);
  };

  const endScalar = () => {
    if (scalar === '') return;
    // a literal completes when written out, a number when something follows it
    if (stack.length === 0 && scalar !== '-') complete = true;
    scalar = '';
  };

  const read = (c: string) => {
    if (inString) return readString(c);
    if (stack.length === 0 && complete) return; // after the value: whitespace (or trailing text, passed over)
    const f = top();
    if (c === '"') {
      endScalar();
      inString = true;
      stringIsKey = f?.bracket === '{' && f.phase === 'key';
      if (stringIsKey && f) f.key = '';
      return;
    }
    if (c === '{' || c === '[') {
      endScalar();
      stack.push({ bracket: c, index: 0, phase: 'key' });
      return;
    }
    if (c === '}' || c === ']') {
      endScalar();
      if (f && f.bracket === (c === '}' ? '{' : '[')) {
        stack.pop();
        valueDone();
      }
      return;
    }
    if (c === ',') {
      endScalar();
      if (f?.bracket === '[') f.index++;
      else if (f) {
        f.key = undefined;
        f.phase = 'key';
      }
      return;
    }
    if (c === ':') {
      if (f?.bracket === '{') f.phase = 'value';
      return;
    }
    if (WS.has(c)) {
      if (stack.length === 0) endScalar();
      else if (scalar !== '') {
        scalar = '';
        valueDone();
      }
      return;
    }
    // a number or literal character
    if (stack.length > 0) {
      if (scalar === '') scalar = c;
      if (f?.bracket === '{' && f.phase === 'value') f.phase = 'comma';
      return;
    }
    scalar += c;
    if (scalar === 'true' || scalar === 'false' || scalar === 'null') endScalar();
  };

  const progress = (): JsonProgress => {
    const path: (string | number)[] = [];
    for (const f of stack) {
      if (f.bracket === '[') path.push(f.index);
      else if (f.key !== undefined) path.push(f.key);
    }
    const f = top();
    return {
      depth: stack.length,
      path,
      open: stack.map((s) => s.bracket).join(' '),
      inString,
      ...(f?.bracket === '{' && f.key !== undefined ? { currentKey: f.key } : {}),
      complete,
    };
  };

  return {
    push(chunk) {
      for (const c of chunk) read(c);
      return progress();
    },
    progress,
  };
}

/** Where the JSON text `partial` has got to. */
export function jsonProgress(partial: string): JsonProgress {
  return createProgressScanner().push(partial);
}

/** A short line for people: `{ › "characters" › [2] › "name"`, `complete`, or '' before anything has begun. */
export function describeProgress(p: JsonProgress): string {
  if (p.complete) return 'complete';
  const root = p.open.split(' ')[0] ?? '';
  const steps = p.path.map((s) => (typeof s === 'number' ? `[${s}]` : JSON.stringify(s)));
  return [root, ...steps].filter((s) => s !== '').join(' › ');
}
