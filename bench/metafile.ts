// What a bundle is made of: `npx tsx bench/metafile.ts src/index.ts '{ parseAddress }'` bundles those exports
// as size-limit does (minified, dependencies included) and prints the gzip size and each input's bytes in the output.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const [entry = 'src/index.ts', exports = '*', top = '30'] = process.argv.slice(2);
const result = await build({
  stdin: { contents: `export ${exports} from './${entry}';`, resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  minify: true,
  write: false,
  metafile: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
});
const code = result.outputFiles[0]?.contents ?? new Uint8Array();
console.log(`${entry} ${exports}: ${code.length} B minified, ${gzipSync(code).length} B gzip`);
const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
for (const [file, { bytesInOutput }] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, Number(top))) {
  console.log(`${String(bytesInOutput).padStart(8)}  ${file}`);
}
