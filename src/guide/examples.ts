// One-click examples for the guide panel that suit the local model (trained on Austen plus JSON lines whose names
// and places are the novels'): the seed page's topic/confidence schema, a character record with an enum, a date
// regex and a small GBNF grammar. Each comes with a message to try it on.
import type { ConstraintKind } from '../api/guide.ts';

export interface GuideExample {
  readonly id: string;
  readonly label: string;
  readonly kind: ConstraintKind;
  readonly text: string;
  /** A message (chat) or prompt (completion) it works well with. */
  readonly message: string;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** The seed page's schema ("Using your model": OpenAI client with an inline policy). */
export const SEED_SCHEMA_TEXT = json({
  type: 'object',
  properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
  required: ['topic', 'confidence'],
  additionalProperties: false,
});

export const GUIDE_EXAMPLES: readonly GuideExample[] = [
  {
    id: 'seed',
    label: 'Topic and confidence',
    kind: 'json_schema',
    text: SEED_SCHEMA_TEXT,
    message: 'Extract the topic and your confidence: Mr. Darcy has proposed to Elizabeth at Hunsford.',
  },
  {
    id: 'character',
    label: 'Character record',
    kind: 'json_schema',
    text: json({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 3, maxLength: 24 },
        home: { enum: ['Longbourn', 'Pemberley', 'Hartfield', 'Kellynch', 'Mansfield', 'Norland'] },
        age: { type: 'integer', minimum: 14, maximum: 73 },
        married: { type: 'boolean' },
      },
      required: ['name', 'home', 'age', 'married'],
      additionalProperties: false,
    }),
    message: 'Describe Emma Woodhouse as a record.',
  },
  {
    id: 'date',
    label: 'Date (regex)',
    kind: 'regex',
    text: '1[78][0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])',
    message: 'On what day did the ball at Netherfield take place?',
  },
  {
    id: 'grammar',
    label: 'Who married whom (grammar)',
    kind: 'grammar',
    text: [
      'root ::= name " married " name "."',
      'name ::= "Elizabeth" | "Darcy" | "Jane" | "Bingley" | "Emma" | "Knightley" | "Anne" | "Wentworth"',
    ].join('\n'),
    message: 'Tell me one marriage from the novels.',
  },
];
