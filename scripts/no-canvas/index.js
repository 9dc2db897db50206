// pdfjs-dist requires @napi-rs/canvas in Node for rendering. The checker never renders
// (text positions and operator lists only; lib/attachment/node.ts stubs DOMMatrix, Path2D
// and ImageData), so this stand-in keeps the 35 MB native binary out of node_modules.
throw new Error('@napi-rs/canvas is deliberately not installed (text extraction only)');
