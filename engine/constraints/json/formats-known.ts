// The `format` values the compiler honours. String formats are hand-written patterns (lexemes/formats.ts), each
// accepting a subset of what ajv-formats' full mode accepts; number formats narrow numbers as ajv-formats does
// (int32: integers within 32 bits; int64: integers; float, double: any number); password and binary accept every
// string there. Any other format is unknown to the validator too (ajv ignores it): it is ignored and listed.
export const STRING_FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'date',
  'time',
  'iso-date-time',
  'iso-time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'byte',
  'regex',
]);

export const NUMBER_FORMATS: ReadonlySet<string> = new Set(['int32', 'int64', 'float', 'double']);

/** Formats that accept every value (ajv-formats: `true`). */
export const TRIVIAL_FORMATS: ReadonlySet<string> = new Set(['password', 'binary']);

export const KNOWN_FORMATS: ReadonlySet<string> = new Set([...STRING_FORMATS, ...NUMBER_FORMATS, ...TRIVIAL_FORMATS]);
