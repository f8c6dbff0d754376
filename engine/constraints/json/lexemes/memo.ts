// A small memo of built lexemes by their options (the pointer left out: it only names errors, and errors are never
// memoised). Lexemes are immutable values, so one schema with many equal fields, or many requests with the same
// schema, build each automaton once. First in, first out, at most `limit` entries per kind.

export function memoized<T>(cache: Map<string, T>, key: string, build: () => T, limit = 128): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const made = build();
  if (cache.size >= limit) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, made);
  return made;
}
