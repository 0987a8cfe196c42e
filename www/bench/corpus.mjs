// The shared corpus for the benchmarks: every `.txt` file under a folder, in name order, as text.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function corpusTexts(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) corpusTexts(path, out);
    else if (name.endsWith('.txt')) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}
