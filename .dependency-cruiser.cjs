// The project's layering, checked by `npm run lint:deps` (part of `npm test`). See the README's "Folders" table.
// Paths are resolved files, so a relative import cannot slip past a rule; type-only imports count too.
const ENGINE_CORE = '^engine/(?!train/|node/|testing/)[^]*(?<!\\.test\\.ts)$';
// What the browser's constraint lint (src/guide/lint) may reach of the engine: the constraint compilers (pure
// TypeScript, the very code the server compiles with) and the few pure files they use — the tokenizer's character
// table, the input-error class and the logit-processor types. Never engine/node, engine/train, the model, the server.
const LINT_MAY_REACH = '^engine/(constraints/[^]*(?<!\\.test\\.ts)|tokenizer\\.ts|errors\\.ts|step/processors\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'panel-imports-another-panel',
      comment: 'Panels never import each other: they meet in src/app and through the store.',
      severity: 'error',
      from: { path: '^src/panels/([^/]+)/' },
      to: { path: '^src/panels/', pathNot: '^src/panels/$1/' },
    },
    {
      name: 'panel-imports-app',
      comment: 'src/app composes the panels; a panel gets what it needs through props or the store.',
      severity: 'error',
      from: { path: '^src/panels/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'shared-ui-imports-features',
      comment: 'src/components/ui holds shared controls: they know nothing of panels, the app or the store.',
      severity: 'error',
      from: { path: '^src/components/' },
      to: { path: '^src/(panels|app|store|snippets)/' },
    },
    {
      name: 'lib-imports-app-state',
      comment: 'src/lib wraps libraries (Monaco): it takes props and reads no app state.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/(panels|app|store|components|snippets)/' },
    },
    {
      name: 'monaco-outside-lib',
      comment: 'Only src/lib/monaco imports Monaco (lazy chunk, disposed models).',
      severity: 'error',
      from: { pathNot: '^src/lib/monaco/' },
      to: { path: 'node_modules/(monaco-editor|@monaco-editor)/' },
    },
    {
      name: 'store-imports-ui',
      comment: 'The store holds client state; it never imports panels, the app or UI components.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(panels|app|components|lib)/' },
    },
    {
      name: 'api-imports-ui-or-state',
      comment: 'src/api is a thin, side-effect-free client: no UI, no store, no snippets.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/(panels|app|components|lib|store|snippets)/' },
    },
    {
      name: 'snippets-import-ui-or-state',
      comment: 'Snippet targets render the request object; they know nothing of the UI or the store.',
      severity: 'error',
      from: { path: '^src/snippets/' },
      to: { path: '^src/(panels|app|components|lib|store)/' },
    },
    {
      name: 'browser-imports-server-side',
      comment:
        'The browser may import protocol/ (the wire contract), never the server, the engine or scripts. ' +
        'Tests beside it run in Node and may start a real server (src/snippets/run-snippets.test.ts does). ' +
        'src/guide/lint is the one deliberate exception, held by guide-lint-reaches-beyond-constraints below.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$|^src/guide/lint/' },
      to: { path: '^(server|engine|scripts|e2e)/' },
    },
    {
      name: 'guide-lint-reaches-beyond-constraints',
      comment:
        'Deliberate exception: the Constraint editor lints with the compiler the server runs, compiled into the ' +
        "browser (in a Web Worker), so a refusal there is the server's 400 word for word. src/guide/lint may " +
        'import engine/constraints and reach only LINT_MAY_REACH of the engine; checked on everything it reaches ' +
        '(not only its own imports), so a constraint file that starts importing the model or node: code fails here.',
      severity: 'error',
      from: { path: '^src/guide/lint/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^(server|engine|scripts|e2e)/', pathNot: LINT_MAY_REACH, reachable: true },
    },
    {
      name: 'protocol-imports-ours',
      comment: 'protocol/ is the wire contract both sides import: it imports nothing of ours.',
      severity: 'error',
      from: { path: '^protocol/' },
      to: { path: '^(src|server|engine|scripts|e2e)/' },
    },
    {
      name: 'engine-imports-ours',
      comment: 'The engine is a library: it imports nothing from the rest of the project.',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: '^(src|server|protocol|scripts|e2e)/' },
    },
    {
      name: 'engine-core-imports-node',
      comment: 'The engine core runs in browsers and workers: no node: modules (engine/train, engine/node may).',
      severity: 'error',
      from: { path: ENGINE_CORE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-core-imports-tools',
      comment: 'The engine core never reaches into training, node-only loaders or test helpers.',
      severity: 'error',
      from: { path: ENGINE_CORE },
      to: { path: '^engine/(train|node|testing)/' },
    },
    {
      name: 'server-imports-browser',
      comment: 'The server never imports the browser code.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|dist-server|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
  },
};
