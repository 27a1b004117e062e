// "Visit: Screen records…", without VS Code: screen a CSV or NDJSON file with @visit/batch (what
// `visit screen` runs), write the output beside it, whole or not at all, and give the summary as
// `visit screen` prints it. The output has the input's format: citizens.csv → citizens.screened.csv,
// admissions.ndjson → admissions.screened.ndjson.
import { basename, dirname, extname, join } from 'node:path';
import { check, rulesVersion } from '@visit/dsl';
import {
  openAtomicFileSink,
  programInfos,
  renderNotInForce,
  renderRules,
  renderSummary,
  screenRecords,
  ScreenStats,
  type ScreenSummary,
} from '@visit/batch/node';

/** Where the output of screening `input` goes: beside it, `.screened` before the extension. */
export function outputPathFor(input: string): string {
  const ext = extname(input);
  const format = outputFormat(input);
  const stem = basename(input, ext);
  return join(dirname(input), `${stem}.screened.${format === 'csv' ? 'csv' : 'ndjson'}`);
}

function outputFormat(input: string): 'csv' | 'ndjson' {
  return /\.(csv|txt)$/i.test(input) ? 'csv' : 'ndjson';
}

export interface ScreenedFile {
  output: string;
  summary: ScreenSummary;
  /** The summary as `visit screen` prints it on stderr. */
  text: string;
}

/**
 * Screens `input` against the rules `rulesSource` (named `rulesName`) as of `asOf`. Throws the
 * batch's RulesError (rules with errors) or RecordsError (unreadable input); then no output file
 * is left behind.
 */
export async function screenFile(rulesName: string, rulesSource: string, input: string, options: { asOf: string; output?: string }): Promise<ScreenedFile> {
  const output = options.output ?? outputPathFor(input);
  const checked = check(rulesSource);
  const run = screenRecords(input, { source: rulesSource, checked }, { asOf: options.asOf, output: outputFormat(input) });
  const started = performance.now();
  const sink = await openAtomicFileSink(output);
  try {
    for await (const chunk of run.text()) {
      const wait = sink.write(chunk);
      if (wait) await wait;
    }
    await sink.commit();
  } catch (e) {
    await sink.abort();
    throw e;
  }
  const summary = await run.summary();
  const ms = performance.now() - started;
  const took = ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
  const programs = programInfos(checked, options.asOf);
  const stats = new ScreenStats(
    programs.map((p) => p.name),
    programs.map((p) => p.lines.length),
  );
  stats.add(summary.stats);
  const heading = `visit: screened ${basename(input)} against ${rulesName} as of ${options.asOf} in ${took}`;
  const named = renderRules({ sha256: rulesVersion(rulesSource), asOf: options.asOf, params: {} });
  const left = renderNotInForce(checked, options.asOf);
  const text = renderSummary(stats, programs, `${heading}\n${named}${left ? `\n${left}` : ''}`);
  return { output, summary, text };
}
