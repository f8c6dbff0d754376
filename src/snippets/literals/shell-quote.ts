// Shell quoting for bash snippets: any string, however hostile, becomes one word that bash reads back unchanged.

/** Single quotes, with each `'` written as `'\''`: nothing inside is expanded. */
export function shellSingleQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Double quotes when the string is printable ASCII with nothing bash would expand there, else single quotes. */
export function shellQuote(s: string): string {
  return /^[ -~]*$/.test(s) && !/[$`\\"!]/.test(s) ? `"${s}"` : shellSingleQuote(s);
}

/** A bare word when it is plainly safe (URLs, names), else quoted. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_\-.,:/@%+=]+$/.test(s) ? s : shellQuote(s);
}
