#!/usr/bin/env node
// The baselines of bench/screen.mjs: parse a CSV file with csv-parse (rows as arrays, no other
// work) and count the rows. Run as its own process so that its wall time includes start-up, like
// the screen run it is compared with. Two ways of reading, both kept in the table:
//   (default)  for await (const record of createReadStream(file).pipe(parse(…)))
//   --pipe     createReadStream(file).pipe(parse(…)).on('data', …): the way csv-parse's own
//              documentation streams a file, and the baseline issue 11's goals are ratios to.
//
//   node bench/screen-baseline.mjs FILE [DELIMITER] [--pipe]

import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// csv-parse is a development dependency of the workspace root (the benchmark's baseline only).
const { parse } = createRequire(join(root, 'package.json'))('csv-parse');

const args = process.argv.slice(2);
const pipe = args.includes('--pipe');
const [file, delimiter = ';'] = args.filter((a) => a !== '--pipe');
if (!file) {
  process.stderr.write('usage: node bench/screen-baseline.mjs FILE [DELIMITER] [--pipe]\n');
  process.exit(2);
}
let rows = 0;
const parser = createReadStream(file).pipe(
  parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
);
if (pipe) {
  await new Promise((done, fail) => {
    parser
      .on('data', (record) => {
        if (record.length > 0) rows++;
      })
      .on('end', done)
      .on('error', fail);
  });
} else {
  for await (const record of parser) {
    if (record.length > 0) rows++;
  }
}
process.stdout.write(`${rows}\n`);
