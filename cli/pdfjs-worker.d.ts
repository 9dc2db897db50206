// pdfjs-dist ships no types for its worker module; the CLI only hands it to pdf.js (cli/pdf-node.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
