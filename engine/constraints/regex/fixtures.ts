// The project's regex fixtures (tests and `npm run bench`): each pattern with strings in its language and outside it.

export const REGEX_FIXTURES: { pattern: string; yes: string[]; no: string[] }[] = [
  {
    pattern: '^[A-Z][a-z]+ [0-9]{4}$',
    yes: ['Emma 1815', 'Persuasion 1817'],
    no: ['emma 1815', 'Emma 181', 'Emma  1815', 'E 1815'],
  },
  { pattern: '(yes|no|maybe)', yes: ['yes', 'no', 'maybe'], no: ['', 'ye', 'yesno', 'Maybe'] },
  { pattern: '\\d{3}-\\d{4}', yes: ['555-1234'], no: ['5551234', '55-1234', '555-12345'] },
  {
    pattern: '[A-Z][a-z]+( [A-Z][a-z]+)*',
    yes: ['Elizabeth', 'Fitzwilliam Darcy', 'Anne Elliot Wentworth'],
    no: ['darcy', 'Mr Darcy ', 'A'],
  },
  {
    pattern: '[a-z0-9._]+@[a-z]+\\.(com|org|net)',
    yes: ['jane.austen@chawton.org', 'x_1@a.com'],
    no: ['@a.com', 'jane@chawton', 'jane@chawton.uk'],
  },
  { pattern: '-?\\d+(\\.\\d+)?', yes: ['0', '-12', '3.14', '-0.5'], no: ['', '-', '3.', '.5', '1.2.3'] },
  { pattern: '(ab|cd){2,5}', yes: ['abab', 'abcdab', 'cdcdcdcdcd'], no: ['ab', 'abcdabcdabcd', 'abc'] },
  {
    pattern: 'Dear [A-Z][a-z]+,\\n([a-z ]+\\n){1,3}Yours',
    yes: ['Dear Jane,\nit rains\nYours', 'Dear Cassandra,\na\nb c\nd\nYours'],
    no: ['Dear Jane,\nYours', 'Dear Jane,\na\nb\nc\nd\nYours'],
  },
  { pattern: '[a-z]+ END [a-z]+', yes: ['one END two'], no: ['one END', 'END two'] },
  { pattern: '(\\(|\\[)[0-9]{1,3}(\\)|\\])', yes: ['(1)', '[123]', '(12]'], no: ['()', '(1234)'] },
];
