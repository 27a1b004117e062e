// `--help` on every command shows its usage and an example; bad usage exits 2 with a clear message.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, visit } from './cli-support';

beforeAll(buildCli);

const COMMANDS = ['check', 'test', 'screen', 'diff', 'doc', 'compile', 'schema', 'lsp'];

describe('visit --help', () => {
  it('lists every command', async () => {
    const run = await visit(['--help']);
    expect(run.code).toBe(0);
    for (const c of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^ {2}visit ${c}\\b`, 'm'));
  });

  it.each(COMMANDS)('visit %s --help shows the usage and an example', async (command) => {
    const run = await visit([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^visit ${command}\\b`));
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toMatch(new RegExp(`^ {2}visit ${command} \\S`, 'm'));
    expect(run.stderr).toBe('');
  });

  it('--version prints the version', async () => {
    const run = await visit(['--version']);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.code).toBe(0);
  });

  it.each([
    { args: [], message: 'expected a command' },
    { args: ['chek', 'rules.visit'], message: "unknown command 'chek': expected one of check, test, screen, diff, doc, compile, schema" },
    { args: ['screen', 'rules.visit'], message: 'visit screen needs RECORDS (a CSV or NDJSON file, or - for stdin), or --engine postgres with --connection and --table' },
    { args: ['check', 'rules.visit', '--bogus'], message: 'Unknown argument: bogus' },
    { args: ['screen', 'a.visit', 'b.csv', '--format', 'xml'], message: 'Invalid values' },
  ])('visit $args: exit 2, "$message"', async ({ args, message }) => {
    const run = await visit(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("Run 'visit --help'");
  });
});
