// The walls between the rooms (README, Layout), checked by dependency-cruiser on every
// import that reaches a bundle. TypeScript 7 (the native compiler) has no JavaScript
// API for dependency-cruiser to parse with, so sources are read through Babel's
// TypeScript preset (.babelrc.depcruise.json): type-only imports are gone by then.
// tests/walls.test.ts holds the same room walls for type imports too.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-is-the-core',
      comment: 'lib/ is DOM-agnostic and runs in the extension and in Node: it imports nothing above it',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(entrypoints|components|utils|cli|toolkit|scripts|e2e|e2e-firefox|tests|docs)/' },
    },
    {
      name: 'utils-below-the-ui',
      comment: "utils/ is the extension's shared glue: no entry point, no popup component, no tool",
      severity: 'error',
      from: { path: '^utils/' },
      to: { path: '^(entrypoints|components|cli|toolkit|scripts|e2e|e2e-firefox|tests)/' },
    },
    {
      name: 'cli-stands-on-lib',
      comment: 'the batch checker is a product of its own: lib/ and Node only',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^(entrypoints|components|utils|toolkit|scripts|e2e|e2e-firefox|tests)/' },
    },
    {
      name: 'tools-use-the-toolkit',
      comment: 'bench, demo, fuzz and the toolkit share toolkit/, never a test harness',
      severity: 'error',
      from: { path: '^(scripts|toolkit)/' },
      to: { path: '^(tests|e2e|e2e-firefox)/' },
    },
    {
      name: 'popup-without-zod',
      comment: 'the popup validates by hand to stay small; zod runs in the background and the checker',
      severity: 'error',
      from: { path: '^(components|entrypoints/popup|entrypoints/options)/' },
      to: { path: 'node_modules/zod/', reachable: true },
    },
    {
      name: 'popup-without-rules',
      comment: "the popup shows rule names handed over with the result (PageState ruleNames), never the rules' code",
      severity: 'error',
      from: { path: '^entrypoints/(popup|options)/' },
      to: { path: '^lib/(rules|check)', reachable: true },
    },
    {
      name: 'content-script-stays-tiny',
      comment: 'the always-on content script probes only: no zod, preact or pdf.js anywhere below it',
      severity: 'error',
      from: { path: '^entrypoints/content\\.ts$' },
      to: { path: 'node_modules/(zod|preact|pdfjs-dist|fflate)/', reachable: true },
    },
    {
      name: 'pdfjs-where-attachments-are-read',
      comment: 'pdf.js is loaded by the attachment page, the survey page and the CLI only',
      severity: 'error',
      from: { pathNot: '^(entrypoints/attachment|entrypoints/survey|cli|scripts|toolkit|tests|e2e)/' },
      to: { path: 'node_modules/pdfjs-dist/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    babelConfig: { fileName: '.babelrc.depcruise.json' },
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.output|\\.wxt)/' },
  },
};
