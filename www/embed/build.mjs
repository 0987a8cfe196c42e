// Turns trunk's release output (dist/) into the two wiki-friendly forms of headerlens:
//
//   <single>/headerlens.html   one self-contained page: the CSS in a <style>, the wasm-bindgen glue and the
//                              wasm (base64) in one inline module script, a Content-Security-Policy that
//                              allows exactly those two blocks by their sha256 hashes plus 'wasm-unsafe-eval'.
//                              Works from file://, from any path and inside an iframe: it loads nothing.
//   <embed>/headerlens.js      the glue plus a loader that instantiates <embed>/headerlens_bg.wasm (found
//   <embed>/headerlens_bg.wasm next to the script), mounts the app on every [data-headerlens] element and
//                              exposes window.headerlens = { mount, mountAll, analyze, version }.
//
// Usage: node www/embed/build.mjs <trunk dist> <single out dir> <embed out dir> (see www/embed/build.sh).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const [dist, singleDir, embedDir] = process.argv.slice(2);
if (!embedDir) {
  console.error('usage: node build.mjs <trunk dist> <single out dir> <embed out dir>');
  process.exit(2);
}

function one(pattern) {
  const found = readdirSync(dist).filter((n) => pattern.test(n));
  if (found.length !== 1) {
    throw new Error(`${dist}: expected one file matching ${pattern}, found ${JSON.stringify(found)}`);
  }
  return join(dist, found[0]);
}

const gluePath = one(/^headerlens-web(-[0-9a-f]+)?\.js$/);
const wasmPath = one(/^headerlens-web(-[0-9a-f]+)?_bg\.wasm$/);
const cssPath = one(/^style(-[0-9a-f]+)?\.css$/);
const glue = readFileSync(gluePath, 'utf8');
const wasm = readFileSync(wasmPath);
const css = readFileSync(cssPath, 'utf8');

// The glue's init function (its default export) and the API functions the loaders expose.
const init = /export\s*\{[^}]*\b(\w+)\s+as\s+default\b/.exec(glue)?.[1];
if (!init) throw new Error(`${gluePath}: no default export (the wasm-bindgen init function)`);
const api = ['mount', 'mountAll', 'analyze', 'version'];
for (const name of api) {
  if (!new RegExp(`\\bfunction ${name}\\(`).test(glue)) throw new Error(`${gluePath}: no ${name}() export`);
}
const expose = `globalThis.headerlens = Object.freeze({ ${api.join(', ')} });\n`;

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// ---- the single file ----
const script =
  `${glue}\n` +
  `const hlWasm = atob(${JSON.stringify(wasm.toString('base64'))});\n` +
  `const hlBytes = new Uint8Array(hlWasm.length);\n` +
  `for (let i = 0; i < hlWasm.length; i++) hlBytes[i] = hlWasm.charCodeAt(i);\n` +
  `await ${init}({ module_or_path: hlBytes });\n` +
  expose;
const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(css)}`,
  'img-src data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = readFileSync(join(dist, 'index.html'), 'utf8');
const before = html;
html = html
  .replace(/<link rel="stylesheet"[^>]*>/, '')
  .replace(/<script type="module" src="[^"]*boot\.js"[^>]*><\/script>/, '')
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
if (html === before) throw new Error('index.html: trunk tags not found');
if (!/<meta http-equiv="Content-Security-Policy" content="[^"]*">/.test(html)) {
  throw new Error('index.html: no Content-Security-Policy meta to replace');
}
html = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
// Script text goes in verbatim: `</script` inside it would end the element early.
if (/<\/script/i.test(script) || /<\/style/i.test(css)) throw new Error('cannot inline: closing tag inside');
html = html.replace('</head>', `<style>${css}</style>\n<script type="module">${script}</script>\n</head>`);
// Nothing may be loaded from outside the file (in-page anchors and data: URLs are fine).
const external = [...html.matchAll(/\b(?:src|href)="(?!data:|#)([^"]*)"/g)].map((m) => m[1]);
if (external.length) throw new Error(`single file still refers to ${external.join(', ')}`);
mkdirSync(singleDir, { recursive: true });
writeFileSync(join(singleDir, 'headerlens.html'), html);

// ---- the embed script ----
// The site's stylesheet is not in the wasm (the site links it): the module takes it from this global when
// it starts (www/src/embed.rs, take_site_css) and removes the global.
const loader =
  `${glue}\n` +
  `globalThis.headerlensCss = ${JSON.stringify(css)};\n` +
  `// Loader: the wasm sits next to this script; starting it mounts the app on [data-headerlens] elements.\n` +
  `await ${init}({ module_or_path: new URL('headerlens_bg.wasm', import.meta.url) });\n` +
  expose;
mkdirSync(embedDir, { recursive: true });
writeFileSync(join(embedDir, 'headerlens.js'), loader);
copyFileSync(wasmPath, join(embedDir, 'headerlens_bg.wasm'));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${join(singleDir, 'headerlens.html')}: ${kb(Buffer.byteLength(html))}`);
console.log(`${join(embedDir, 'headerlens.js')}: ${kb(Buffer.byteLength(loader))}, headerlens_bg.wasm: ${kb(wasm.length)}`);
