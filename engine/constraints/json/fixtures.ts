// The project's own JSON Schema fixtures for the compiler's tests and the bench: each schema with instances that
// must be accepted (`valid`) and rejected (`invalid`). Written for this project (not copied from any suite); the
// keyword cases re-express what the JSON-Schema-Test-Suite and llama.cpp's schema tests check for the keywords we
// support. Instances are values; the tests serialise them in the engine's key order and whitespace.

export interface SchemaFixture {
  readonly name: string;
  readonly schema: unknown;
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

/** The seed page's structured-output schema. */
export const SEED_SCHEMA = {
  type: 'object',
  properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
  required: ['topic', 'confidence'],
  additionalProperties: false,
} as const;

/** Twenty properties with enums, a pattern and a format (the bench's second constrained_over_free schema). */
export const TWENTY_PROPERTIES = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', minLength: 1, maxLength: 40 },
    email: { type: 'string', format: 'email' },
    role: { enum: ['admin', 'editor', 'viewer', 'guest'] },
    status: { enum: ['active', 'suspended', 'deleted'] },
    age: { type: 'integer', minimum: 0, maximum: 130 },
    score: { type: 'number', minimum: 0, maximum: 1 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    postcode: { type: 'string', pattern: '^[0-9]{5}(-[0-9]{4})?$' },
    joined: { type: 'string', format: 'date' },
    lastSeen: { type: 'string', format: 'date-time' },
    verified: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string', maxLength: 12 }, maxItems: 4 },
    plan: { enum: ['free', 'pro', 'team', 'enterprise'] },
    seats: { type: 'integer', minimum: 1, maximum: 500 },
    homepage: { type: ['string', 'null'], format: 'uri' },
    notes: { type: 'string', maxLength: 80 },
    language: { enum: ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl'] },
    priority: { type: 'integer', enum: [1, 2, 3, 4, 5] },
    referrer: { type: ['string', 'null'] },
  },
  required: ['id', 'name', 'email', 'role', 'status', 'age', 'country', 'joined', 'verified', 'plan'],
  additionalProperties: false,
} as const;

export const SCHEMA_FIXTURES: readonly SchemaFixture[] = [
  {
    name: 'seed page schema',
    schema: SEED_SCHEMA,
    valid: [
      { topic: 'relayer outage', confidence: 0.82 },
      { topic: '', confidence: -1e3 },
    ],
    invalid: [
      { topic: 'x' },
      { topic: 'x', confidence: '0.8' },
      { topic: 'x', confidence: 0.8, extra: true },
      ['topic'],
      'topic',
    ],
  },
  {
    name: 'twenty properties',
    schema: TWENTY_PROPERTIES,
    valid: [
      {
        id: '123e4567-e89b-12d3-a456-426614174000',
        name: 'Elizabeth',
        email: 'eliza@longbourn.org',
        role: 'editor',
        status: 'active',
        age: 20,
        country: 'GB',
        joined: '1813-01-28',
        verified: true,
        plan: 'pro',
        tags: ['wit', 'walks'],
        homepage: null,
        priority: 3,
      },
    ],
    invalid: [
      {
        id: 'x',
        name: 'E',
        email: 'e@x.org',
        role: 'editor',
        status: 'active',
        age: 20,
        country: 'GB',
        joined: '1813-01-28',
        verified: true,
        plan: 'pro',
      },
      {
        id: '123e4567-e89b-12d3-a456-426614174000',
        name: 'E',
        email: 'e@x.org',
        role: 'owner',
        status: 'active',
        age: 20,
        country: 'GB',
        joined: '1813-01-28',
        verified: true,
        plan: 'pro',
      },
      {
        id: '123e4567-e89b-12d3-a456-426614174000',
        name: 'E',
        email: 'e@x.org',
        role: 'editor',
        status: 'active',
        age: 131,
        country: 'GB',
        joined: '1813-01-28',
        verified: true,
        plan: 'pro',
      },
      {
        id: '123e4567-e89b-12d3-a456-426614174000',
        name: 'E',
        email: 'e@x.org',
        role: 'editor',
        status: 'active',
        age: 20,
        country: 'gb',
        joined: '1813-01-28',
        verified: true,
        plan: 'pro',
      },
      {
        id: '123e4567-e89b-12d3-a456-426614174000',
        name: 'E',
        email: 'e@x.org',
        role: 'editor',
        status: 'active',
        age: 20,
        country: 'GB',
        joined: '1813-02-30',
        verified: true,
        plan: 'pro',
      },
    ],
  },
  {
    name: 'spec default: extra properties allowed after the listed ones',
    schema: { type: 'object', properties: { a: { type: 'integer' } } },
    valid: [{}, { a: 1 }, { a: 1, b: 'x', c: [1, { d: null }] }, { z: false }],
    invalid: [{ a: 'x' }, { a: 1.5 }, [], null],
  },
  {
    name: 'type arrays, const and enum',
    schema: {
      type: 'object',
      properties: {
        kind: { const: 'note' },
        level: { enum: [1, 'two', null, true, { deep: [1] }] },
        value: { type: ['integer', 'string', 'null'] },
      },
      required: ['kind'],
      additionalProperties: false,
    },
    valid: [
      { kind: 'note' },
      { kind: 'note', level: 'two', value: null },
      { kind: 'note', level: { deep: [1] }, value: 7 },
    ],
    invalid: [{ kind: 'Note' }, { kind: 'note', level: 2 }, { kind: 'note', value: 1.5 }, { kind: 'note', value: [] }],
  },
  {
    name: 'strings: lengths in code points, escapes, patterns',
    schema: {
      type: 'array',
      prefixItems: [
        { type: 'string', minLength: 2, maxLength: 3 },
        { type: 'string', pattern: '^a+b$' },
        { type: 'string', pattern: 'x' },
        { enum: ['café', 'naïve', 'line\nbreak', 'quote"d'] },
      ],
      items: false,
    },
    valid: [
      ['ab', 'ab', 'x'],
      ['é"\\', 'aaab', 'yxy', 'café'],
      ['\n\t', 'ab', 'x', 'line\nbreak'],
      ['ñu', 'ab', 'x', 'quote"d'],
    ],
    invalid: [
      ['a', 'ab', 'x'],
      ['abcd', 'ab', 'x'],
      ['ab', 'b', 'x'],
      ['ab', 'ab', 'y'],
      ['ab', 'ab', 'x', 'cafe'],
      ['ab', 'ab', 'x', 'café', 1],
    ],
  },
  {
    name: 'llama.cpp-style integer bounds: min 456',
    schema: { type: 'integer', minimum: 456 },
    valid: [456, 457, 460, 500, 999, 1000, 45600, 123456789],
    invalid: [455, 45, 4, 0, -456, 100, 399, 456.5],
  },
  {
    name: 'llama.cpp-style integer bounds: min -123 max 42',
    schema: { type: 'integer', minimum: -123, maximum: 42 },
    valid: [-123, -122, -100, -99, -12, -1, 0, 1, 9, 10, 39, 42],
    invalid: [-124, -200, -1230, 43, 50, 99, 420, 1000],
  },
  {
    name: 'exclusive bounds on integers and numbers',
    schema: {
      type: 'object',
      properties: {
        i: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 },
        n: { type: 'number', exclusiveMinimum: -1.5, maximum: 2.25 },
        m: { type: 'integer', multipleOf: 5, minimum: -20, maximum: 20 },
      },
      additionalProperties: false,
    },
    valid: [{ i: 1, n: -1.4, m: -20 }, { i: 9, n: 2.25, m: 0 }, { n: 0, m: 15 }, { n: 2 }],
    invalid: [{ i: 0 }, { i: 10 }, { n: -1.5 }, { n: 2.26 }, { m: 7 }, { m: 25 }],
  },
  {
    name: 'arrays: items, minItems, maxItems',
    schema: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 9 }, minItems: 2, maxItems: 4 },
    valid: [
      [0, 9],
      [1, 2, 3],
      [9, 9, 9, 9],
    ],
    invalid: [[], [1], [1, 2, 3, 4, 5], [1, 10], [1, '2']],
  },
  {
    name: 'patternProperties and additionalProperties schema',
    schema: {
      type: 'object',
      properties: { name: { type: 'string' } },
      patternProperties: { '^x-': { type: 'integer' } },
      additionalProperties: { type: 'boolean' },
      required: ['name'],
    },
    valid: [{ name: 'a' }, { name: 'a', 'x-one': 1, other: true }, { name: 'b', flag: false }],
    invalid: [{ 'x-one': 1 }, { name: 'a', 'x-one': 'one' }, { name: 'a', other: 1 }],
  },
  {
    name: 'minProperties and maxProperties',
    schema: {
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'integer' } },
      minProperties: 1,
      maxProperties: 2,
    },
    valid: [{ a: 1 }, { a: 1, b: 2 }, { c: null }],
    invalid: [{}, { a: 1, b: 2, c: 3 }],
  },
  {
    name: 'anyOf, disjoint oneOf, allOf',
    schema: {
      type: 'object',
      properties: {
        shape: {
          oneOf: [
            {
              type: 'object',
              properties: { kind: { const: 'circle' }, r: { type: 'number' } },
              required: ['kind', 'r'],
              additionalProperties: false,
            },
            {
              type: 'object',
              properties: { kind: { const: 'square' }, side: { type: 'number' } },
              required: ['kind', 'side'],
              additionalProperties: false,
            },
          ],
        },
        id: {
          anyOf: [
            { type: 'integer', minimum: 1 },
            { type: 'string', format: 'uuid' },
          ],
        },
        label: { allOf: [{ type: 'string', minLength: 2 }, { maxLength: 4 }, { pattern: '^[a-z]+$' }] },
      },
      required: ['shape'],
      additionalProperties: false,
    },
    valid: [
      { shape: { kind: 'circle', r: 1.5 } },
      { shape: { kind: 'square', side: 2 }, id: 3, label: 'ab' },
      { shape: { kind: 'circle', r: 0 }, id: '123e4567-e89b-12d3-a456-426614174000', label: 'abcd' },
    ],
    invalid: [
      { shape: { kind: 'circle', side: 2 } },
      { shape: { kind: 'triangle' } },
      { shape: { kind: 'circle', r: 1 }, id: 0 },
      { shape: { kind: 'circle', r: 1 }, label: 'abcde' },
      { shape: { kind: 'circle', r: 1 }, label: 'AB' },
    ],
  },
  {
    name: 'recursive $ref through $defs',
    schema: {
      $defs: {
        node: {
          type: 'object',
          properties: {
            value: { type: 'integer' },
            children: { type: 'array', items: { $ref: '#/$defs/node' }, maxItems: 3 },
          },
          required: ['value'],
          additionalProperties: false,
        },
      },
      $ref: '#/$defs/node',
    },
    valid: [
      { value: 1 },
      { value: 1, children: [] },
      { value: 1, children: [{ value: 2, children: [{ value: 3 }] }, { value: 4 }] },
    ],
    invalid: [
      {},
      { value: 1, children: [{}] },
      { value: 1, children: [{ value: 'x' }] },
      { value: 1, children: [{ value: 1 }, { value: 1 }, { value: 1 }, { value: 1 }] },
    ],
  },
  {
    name: 'draft-04: definitions, id, boolean exclusiveMaximum, array items with additionalItems',
    schema: {
      $schema: 'http://json-schema.org/draft-04/schema#',
      id: 'http://example.com/root.json',
      definitions: { small: { type: 'integer', minimum: 0, maximum: 10, exclusiveMaximum: true } },
      type: 'object',
      properties: {
        pair: { type: 'array', items: [{ $ref: '#/definitions/small' }, { type: 'string' }], additionalItems: false },
      },
    },
    valid: [{}, { pair: [0, 'a'] }, { pair: [9] }, { pair: [] }],
    invalid: [{ pair: [10, 'a'] }, { pair: [1, 'a', 'b'] }, { pair: ['a'] }],
  },
  {
    name: 'draft-07: items array and additionalItems through $ref',
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { flag: { type: 'boolean' } },
      type: 'array',
      items: [{ type: 'string' }],
      additionalItems: { $ref: '#/definitions/flag' },
    },
    valid: [[], ['a'], ['a', true, false]],
    invalid: [[1], ['a', 'b'], ['a', true, 1]],
  },
  {
    name: 'formats',
    schema: {
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        host: { type: 'string', format: 'hostname' },
        ip: { type: 'string', format: 'ipv4' },
        link: { type: 'string', format: 'url' },
        n: { type: 'number', format: 'int32' },
      },
      additionalProperties: false,
    },
    valid: [{ when: '2024-02-29T12:00:00Z', host: 'example.com', ip: '10.0.0.1', link: 'https://example.com/a', n: 7 }],
    invalid: [{ when: '2023-02-29T12:00:00Z' }, { ip: '256.1.1.1' }, { n: 1.5 }, { n: 2147483648 }],
  },
];
