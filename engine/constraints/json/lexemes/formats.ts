// String formats as hand-written regular expressions (full match of the decoded string, no assertions), each
// accepting a subset of what ajv-formats' `full` mode accepts — the common, canonical forms:
//
// - date: YYYY-MM-DD with real calendar days (30-day months, February 28, February 29 in leap years).
// - time: HH:MM:SS, optional fraction, then `Z` or an offset ±HH:MM (hours 00–23, minutes and seconds 00–59;
//   no leap second 60, no lowercase `z`, no offset without a colon).
// - date-time: date `T` time (uppercase `T`; no lowercase `t` or space).
// - duration: ISO 8601 `P…` with years/months/days and/or `T` hours/minutes/seconds (at least one part, each
//   part in order, integer counts), or weeks `PnW`.
// - email: dot-separated atoms of [A-Za-z0-9_%+-] or !#$&'*/=?^`{|}~, `@`, two or more hostname labels.
// - hostname: labels [A-Za-z0-9] with inner hyphens, 1–63 characters, dot-separated, no trailing dot, at most
//   253 characters in all (a length bound: see formatMaxLength).
// - ipv4: dotted quad, each 0–255 without leading zeros.
// - ipv6: eight groups of 1–4 hex digits, or fewer around one `::` (no embedded IPv4, no zone).
// - uuid: 8-4-4-4-12 hex digits (either case; no `urn:uuid:` prefix).
// - uri: a scheme `[A-Za-z][A-Za-z0-9+.-]*:`, then `//` a non-empty host of unreserved/sub-delim characters or
//   percent escapes, an optional port, a path of `/` segments; or a rootless path (`mailto:a@b`, `urn:x:y`);
//   then an optional query and fragment. ASCII only (no IP literals in brackets, no userinfo).
// - iso-date-time, iso-time: as date-time and time (ajv-formats also takes them without an offset).
// - uri-reference: a uri as above, or a relative path of unreserved/percent-escaped segments.
// - uri-template: literal URI characters (no quote) and simple `{name,name}` expressions.
// - url: http, https or ftp, a host of hyphen-joined alphanumeric labels ending in a letters-only label (never an
//   IP address), an optional port of 2–5 digits, an optional path and query.
// - json-pointer, relative-json-pointer, json-pointer-uri-fragment: exactly their RFC 6901 shapes (the fragment
//   form with the ASCII characters ajv-formats allows).
// - byte: base64 without line breaks. regex: literal text of letters, digits, space, `_`, `,`, `:` and `-`.

const D = '[0-9]';
const HEX = '[0-9A-Fa-f]';
const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))';
const LEAP_YEAR = '(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)';
const DATE = `(?:${D}{4}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
const HH = '(?:[01][0-9]|2[0-3])';
const MS = '[0-5][0-9]';
const TIME = `${HH}:${MS}:${MS}(?:\\.${D}+)?(?:Z|[+-]${HH}:${MS})`;
const DUR_TIME = `T(?:${D}+H(?:${D}+M)?(?:${D}+S)?|${D}+M(?:${D}+S)?|${D}+S)`;
const DUR_DATE = `(?:${D}+Y(?:${D}+M)?(?:${D}+D)?|${D}+M(?:${D}+D)?|${D}+D)`;
const DURATION = `P(?:${DUR_DATE}(?:${DUR_TIME})?|${DUR_TIME}|${D}+W)`;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = `${LABEL}(?:\\.${LABEL})*`;
const ATOM = "[A-Za-z0-9_%+\\-!#$&'*/=?^`{|}~]+";
const DOMAIN_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const EMAIL = `${ATOM}(?:\\.${ATOM})*@(?:${DOMAIN_LABEL}\\.)+${DOMAIN_LABEL}`;
const OCTET = `(?:25[0-5]|2[0-4]${D}|1${D}${D}|[1-9]?${D})`;
const IPV4 = `(?:${OCTET}\\.){3}${OCTET}`;
const H16 = `${HEX}{1,4}`;
const groups = (n: number): string => (n === 0 ? '' : n === 1 ? H16 : `(?:${H16}:){${n - 1}}${H16}`);
const IPV6 = [
  `(?:${H16}:){7}${H16}`,
  // i groups before `::` and j after, i + j ≤ 7
  ...Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 - i }, (_, j) => `${groups(i)}::${groups(j)}`)).flat(),
]
  .map((a) => `(?:${a})`)
  .join('|');
const UUID = `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`;
const PCT = `%${HEX}{2}`;
const PCHAR = `(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|${PCT})`;
const REG_NAME = `(?:[A-Za-z0-9\\-._~!$&'()*+,;=]|${PCT})+`;
const URI =
  `[A-Za-z][A-Za-z0-9+.\\-]*:(?://${REG_NAME}(?::${D}*)?(?:/${PCHAR}*)*|${PCHAR}+(?:/${PCHAR}*)*)` +
  `(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?`;

// the host of a `url`: hyphen-joined alphanumeric runs, dot-separated, ending in a letters-only top-level label
// (so never an IP address, which ajv-formats' url checks against private ranges)
const URL_LABEL = '[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*';
const URL = `(?:https?|ftp)://${URL_LABEL}(?:\\.${URL_LABEL})*\\.[A-Za-z]{2,}(?::${D}{2,5})?(?:/(?:${PCHAR}|[/?])*)?`;
const SEGMENT = `(?:[A-Za-z0-9\\-._~]|${PCT})+`;
const TOKEN = '(?:[^~/]|~0|~1)*';
const TEMPLATE_LITERAL = `(?:[A-Za-z0-9\\-._~:/?#@!$&()*+,;=]|${PCT})`;
const TEMPLATE_EXPR = '\\{[A-Za-z0-9_]+(?:,[A-Za-z0-9_]+)*\\}';
const B64 = '[A-Za-z0-9+/]';

const PATTERNS: Readonly<Record<string, string>> = {
  'date-time': `${DATE}T${TIME}`,
  date: DATE,
  time: TIME,
  duration: DURATION,
  email: EMAIL,
  hostname: HOSTNAME,
  ipv4: IPV4,
  ipv6: IPV6,
  uuid: UUID,
  uri: URI,
  // the iso-* forms of ajv-formats accept more (no offset, a space separator); these are their strict subset
  'iso-date-time': `${DATE}T${TIME}`,
  'iso-time': TIME,
  // an absolute URI, or a relative path without a scheme
  'uri-reference': `(?:${URI}|/?${SEGMENT}(?:/${SEGMENT})*)`,
  'uri-template': `(?:${TEMPLATE_LITERAL}|${TEMPLATE_EXPR})*`,
  url: URL,
  'json-pointer': `(?:/${TOKEN})*`,
  'relative-json-pointer': `(?:0|[1-9]${D}*)(?:#|(?:/${TOKEN})*)`,
  'json-pointer-uri-fragment': `#(?:/(?:[A-Za-z0-9_\\-.!$&'()*+,;:=@]|${PCT}|~0|~1)*)*`,
  // base64 without line breaks
  byte: `(?:${B64}{4})*(?:${B64}{2}==|${B64}{3}=)?`,
  // literal text only: letters, digits, space, underscore, comma, colon and hyphen (always a valid pattern)
  regex: '[A-Za-z0-9 _,:-]*',
};

const MAX_LENGTHS: Readonly<Record<string, number>> = { hostname: 253 };

/** The names of the formats with a pattern. */
export const FORMAT_NAMES: readonly string[] = Object.keys(PATTERNS);

/**
 * The regular expression (ECMAScript source, `u` flag, to match the whole decoded string, no anchors or
 * assertions) of a format, or undefined for a format without one (the caller lists it as ignored).
 */
export function formatPattern(name: string): string | undefined {
  return Object.hasOwn(PATTERNS, name) ? PATTERNS[name] : undefined;
}

/** A bound on the decoded length that a format implies beyond its pattern (hostname: 253), or undefined. */
export function formatMaxLength(name: string): number | undefined {
  return Object.hasOwn(MAX_LENGTHS, name) ? MAX_LENGTHS[name] : undefined;
}

const compiled = new Map<string, RegExp>();

/** Whether `value` is in the format's language (what the string lexeme produces), or undefined for no pattern. */
export function formatMatches(name: string, value: string): boolean | undefined {
  const source = formatPattern(name);
  if (source === undefined) return undefined;
  let re = compiled.get(name);
  if (!re) {
    re = new RegExp(`^(?:${source})$`, 'u');
    compiled.set(name, re);
  }
  const max = formatMaxLength(name);
  return re.test(value) && (max === undefined || [...value].length <= max);
}
