// Parses each file named on the command line with Mermaid's own parser
// (`mermaid.parse`, the parser the renderer uses), under jsdom because
// Mermaid sanitizes labels with DOMPurify, which needs a DOM.
// Prints `N passed, N failed`; exits 1 when any file does not parse.
//
//   npm ci --prefix scripts/mermaid-check
//   node scripts/mermaid-check/check.mjs diagram.mmd...
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const result = await mermaid.parse(text);
    if (!result || !String(result.diagramType).startsWith('flowchart')) {
      throw new Error(`not read as a flowchart: ${JSON.stringify(result)}`);
    }
    passed += 1;
  } catch (e) {
    failed += 1;
    console.error(`${file}: ${String(e.message ?? e).split('\n').slice(0, 4).join('\n  ')}`);
  }
}
console.log(`mermaid: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
