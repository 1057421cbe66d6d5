// How much memory a parsed mailbox keeps alive: run with `node --expose-gc --import tsx bench/retained-memory.ts`.
// V8 may make a substring point into the string it was cut from; a mailbox from a 90 KB header must not keep the header.
import { parseAddressList } from '../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function retained(make: (i: number) => string, count = 200): number {
  gc!();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const header = make(i);
    kept.push(parseAddressList(header).mailboxes[0]);
  }
  gc!();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== count) throw new Error('unreachable');
  return (after - before) / count;
}

// Each header is built fresh (its own 90 KB string), with the mailbox first and a long tail after it.
const tail = (i: number) => `, ${`x${i}@tail.example, `.repeat(6000)}`.slice(0, 90_000);
const cases: Record<string, (i: number) => string> = {
  'fast path, named': (i) => `Ann Lee ${i} <ann${i}@example.com>${tail(i)}`,
  'fast path, bare': (i) => `ann${i}@example.com${tail(i)}`,
  'slow path, comment': (i) => `Ann (desk ${i}) <ann${i}@example.com>${tail(i)}`,
  'encoded name': (i) => `=?UTF-8?B?0JjQstCw0L0=?= ${i} <ivan${i}@example.ru>${tail(i)}`,
};
for (const [name, make] of Object.entries(cases)) {
  console.log(`${name.padEnd(22)} ${(retained(make) / 1024).toFixed(2)} KiB per mailbox`);
}
