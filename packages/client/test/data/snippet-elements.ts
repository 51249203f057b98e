// A page that loads the elements (the CDN bundle or `@citiesoflearning/components/define.js`)
// gets their tag names and events typed on `document`; the docs' browser snippets are checked as
// such a page's code. Used only by test/doc-snippets.node.test.ts.
import '@citiesoflearning/components/define.js';

export {};
