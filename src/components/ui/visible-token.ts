// A token's text as a reader can see it: a space is ␣, a newline ⏎, a tab ⇥, another control character its \u
// escape, and the empty token ∅ (a bare space would show as nothing at all).
const NAMED: Record<string, string> = { ' ': '␣', '\n': '⏎', '\r': '␍', '\t': '⇥' };

export function visibleToken(t: string): string {
  if (t === '') return '∅';
  let out = '';
  for (const ch of t) {
    const code = ch.codePointAt(0) ?? 0;
    out += NAMED[ch] ?? (code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : ch);
  }
  return out;
}
