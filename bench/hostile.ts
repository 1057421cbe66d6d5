// Worst cases for the address parser: `npx tsx bench/hostile.ts`. Each header fills MAX_HEADER_LENGTH with
// entries of one hostile shape, each just under MAX_ENTRY_LENGTH; prints the time per header and per KiB.
import { MAX_HEADER_LENGTH, compilePattern, parseAddressList } from '../src/index.js';
import { HOSTILE } from './fixtures.js';

const shapes = HOSTILE;

for (const [name, entry] of Object.entries(shapes)) {
  const header = Array.from({ length: Math.floor(MAX_HEADER_LENGTH / (entry.length + 2)) }, () => entry).join(', ');
  const t0 = performance.now();
  const r = parseAddressList(header);
  const ms = performance.now() - t0;
  console.log(`${name.padEnd(22)} ${entry.length} chars/entry  ${(ms / 1000).toFixed(2)} s/header  ${(ms / (header.length / 1024)).toFixed(2)} ms/KiB  valid ${r.mailboxes.length} invalid ${r.invalid.length}`);
}
const t0 = performance.now();
for (let i = 0; i < 1000; i++) compilePattern(`${'a*'.repeat(20_000)}@x`);
console.log(`compilePattern 40,000 chars x1000: ${(performance.now() - t0).toFixed(1)} ms`);
