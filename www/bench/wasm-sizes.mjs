// Where the wasm bytes go: code size per function from a wasm file with a name section, grouped by crate
// (and by module for the headerlens crates), plus the data section. A small stand-in for twiggy.
//
// Usage: node www/bench/wasm-sizes.mjs <file.wasm> [top N functions, default 25]
// A file with names: bash www/bench/size.sh builds one (the release-wasm profile before wasm-opt).
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node wasm-sizes.mjs <file.wasm> [top N]');
  process.exit(2);
}
const bytes = readFileSync(file);
let pos = 8;
const u32 = () => {
  let result = 0, shift = 0, b;
  do {
    b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
};
const name = () => {
  const n = u32();
  const s = bytes.subarray(pos, pos + n).toString('utf8');
  pos += n;
  return s;
};

const sections = [];
let importedFuncs = 0;
let bodies = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const start = pos;
  const end = pos + size;
  let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] ?? `#${id}`;
  if (id === 0) label = `custom "${name()}"`;
  if (id === 2) {
    for (let i = u32(); i > 0; i--) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) { importedFuncs++; u32(); }
      else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 3) { pos += 2; }
      else { u32(); }
    }
  }
  if (id === 10) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const len = u32();
      bodies.push(len);
      pos += len;
    }
  }
  if (label === 'custom "name"') {
    while (pos < end) {
      const sub = bytes[pos++];
      const subSize = u32();
      const subEnd = pos + subSize;
      if (sub === 1) for (let i = u32(); i > 0; i--) { const idx = u32(); names.set(idx, name()); }
      pos = subEnd;
    }
  }
  sections.push([label, size]);
  pos = end;
}

/** Crate (and module for headerlens crates) of a legacy-mangled or plain Rust symbol. */
function owner(symbol) {
  const parts = [];
  const m = /^_ZN(.*)E$/.exec(symbol);
  if (m) {
    let s = m[1];
    while (s.length) {
      const len = /^(\d+)/.exec(s);
      if (!len) break;
      const n = Number(len[1]);
      parts.push(s.slice(len[1].length, len[1].length + n));
      s = s.slice(len[1].length + n);
    }
  } else if (symbol.startsWith('_R')) {
    // v0 mangling: the first crate root (`Cs<hash>_<len><name>`, or `C<len><name>`), then path segments.
    const crate = /C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(symbol);
    if (crate) parts.push(crate[2].slice(0, Number(crate[1])));
  } else {
    parts.push(...symbol.replace(/^<|>$/g, '').split('::'));
  }
  let first = parts[0] ?? '?';
  if (first.startsWith('_$LT$')) first = first.slice(5);
  if (first.startsWith('headerlens')) return parts.slice(0, 2).join('::').replace(/\$.*$/, '');
  if (/^(std|core|alloc|dlmalloc|compiler_builtins)$/.test(first)) return 'rust std/core/alloc';
  if (symbol.startsWith('__wbg') || symbol.startsWith('__wbindgen')) return 'wasm-bindgen glue';
  return first.replace(/\$.*$/, '').replace(/\.\.?.*$/, '') || '?';
}

const total = bytes.length;
const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${total} bytes`);
for (const [label, size] of sections.sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  section ${label.padEnd(28)} ${String(size).padStart(8)} ${pct(size)}`);
if (!names.size) console.log('  (no name section: function names unknown; build with names, see www/bench/size.sh)');
const byOwner = new Map();
const funcs = bodies.map((len, i) => ({ len, name: names.get(importedFuncs + i) ?? `func[${importedFuncs + i}]` }));
for (const f of funcs) byOwner.set(owner(f.name), (byOwner.get(owner(f.name)) ?? 0) + f.len);
const code = bodies.reduce((a, b) => a + b, 0);
const ofCode = (n) => `${((100 * n) / code).toFixed(1).padStart(5)}% of code`;
console.log('\ncode by crate (headerlens crates by module)');
for (const [k, v] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${k.padEnd(40)} ${String(v).padStart(8)} ${ofCode(v)}`);
console.log(`\nlargest functions`);
for (const f of funcs.sort((a, b) => b.len - a.len).slice(0, Number(topArg ?? 25))) console.log(`  ${String(f.len).padStart(7)}  ${f.name.slice(0, 110)}`);
