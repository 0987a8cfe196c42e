// Starts the headerlens app. A separate file (not an inline script) so the page's Content-Security-Policy
// can forbid inline scripts. Trunk writes the hashed file names into the data attributes of this tag.
const tag = document.querySelector('script[data-headerlens-js]');
const base = document.baseURI;
const { default: init } = await import(new URL(tag.dataset.headerlensJs, base).href);
await init({ module_or_path: new URL(tag.dataset.headerlensWasm, base).href });
