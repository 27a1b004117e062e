#!/usr/bin/env node
// The baseline of bench/screen.mjs: parse a CSV file with csv-parse (rows as arrays, no other
// work) and count the rows. Run as its own process so that its wall time includes start-up, like
// the screen run it is compared with.
//
//   node bench/screen-baseline.mjs FILE [DELIMITER]

import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// csv-parse is a development dependency of the workspace root (the benchmark's baseline only).
const { parse } = createRequire(join(root, 'package.json'))('csv-parse');

const [file, delimiter = ';'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/screen-baseline.mjs FILE [DELIMITER]\n');
  process.exit(2);
}
let rows = 0;
const parser = createReadStream(file).pipe(
  parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
);
for await (const record of parser) {
  if (record.length > 0) rows++;
}
process.stdout.write(`${rows}\n`);
