// The .vsix that `pnpm --filter visit-vscode build` writes (scripts/build.mjs --vsix: vsce package
// --no-dependencies): exactly the bundles, the grammar, the language configuration, the manifest,
// README and LICENSE; no node_modules, sources, tests or source maps; small; the bundles need
// nothing but Node's built-ins (and `vscode`, which VS Code gives the extension), so it installs
// offline; the server from the unpacked .vsix answers.
import { fork, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { forkArguments, serverLaunch } from '../src/launch';
import { GRAMMAR_FILE, PACKAGE } from './grammar-support';
import { readZip, type ZipEntry } from './vsix-support';

const dir = mkdtempSync(join(tmpdir(), 'visit-vsix-'));
const VSIX = join(dir, 'visit-vscode.vsix');
let entries: ZipEntry[] = [];
let packMs = 0;

beforeAll(() => {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(PACKAGE, 'scripts', 'build.mjs'), '--vsix', '--out', VSIX], { cwd: PACKAGE, encoding: 'utf8' });
  packMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`build --vsix failed:\n${r.stdout}\n${r.stderr}`);
  entries = readZip(VSIX);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (name: string): ZipEntry => {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`${name} is not in the .vsix: ${entries.map((x) => x.name).join(', ')}`);
  return e;
};

describe('the .vsix', () => {
  it('holds exactly the bundles, the grammar, the language configuration, the manifest, README and LICENSE', () => {
    expect(entries.map((e) => e.name).sort()).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/dist/extension.cjs',
        'extension/dist/server.cjs',
        'extension/language-configuration.json',
        'extension/package.json',
        'extension/readme.md',
        'extension/syntaxes/visit.tmLanguage.json',
      ].sort(),
    );
    for (const e of entries) expect(e.name).not.toMatch(/node_modules|\.ts$|\.map$|test|src\//);
  });

  it(`is small: under 2 MB packed, each bundle under 4 MB (packing took well under a minute)`, () => {
    const size = statSync(VSIX).size;
    expect(size).toBeLessThan(2 * 1024 * 1024);
    expect(entry('extension/dist/extension.cjs').size).toBeLessThan(4 * 1024 * 1024);
    expect(entry('extension/dist/server.cjs').size).toBeLessThan(4 * 1024 * 1024);
    expect(packMs).toBeLessThan(60_000);
    console.log(`visit-vscode.vsix: ${(size / 1024).toFixed(0)} KiB, packed in ${Math.round(packMs)} ms`);
  });

  it("carries the package's manifest: language, grammar, configuration, commands, setting, entry", () => {
    const inside = JSON.parse(entry('extension/package.json').bytes().toString('utf8'));
    const own = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
    expect(inside.contributes).toEqual(own.contributes);
    expect(inside.main).toBe('./dist/extension.cjs');
    expect(inside.publisher).toBe('visit');
    expect(inside.name).toBe('visit-vscode');
    expect(inside.engines.vscode).toMatch(/^\^1\.\d+\.\d+$/);
    expect(inside.contributes.languages).toEqual([
      { id: 'visit', aliases: ['Visit', 'visit'], extensions: ['.visit'], configuration: './language-configuration.json' },
    ]);
    expect(inside.contributes.commands.map((c: { command: string; category: string; title: string }) => `${c.category}: ${c.title} (${c.command})`)).toEqual([
      'Visit: Run tests in this file (visit.runTests)',
      'Visit: Screen records… (visit.screenRecords)',
    ]);
    expect(Object.keys(inside.contributes.configuration.properties)).toEqual(['visit.asOf']);
    const config = JSON.parse(entry('extension/language-configuration.json').bytes().toString('utf8'));
    expect(config.comments.lineComment).toBe('//');
    expect(config.brackets).toEqual([['{', '}'], ['(', ')'], ['[', ']']]);
    expect(config.indentationRules.increaseIndentPattern).toBe('\\{[^}]*$');
  });

  it('carries the committed grammar, README and LICENSE', () => {
    expect(entry('extension/syntaxes/visit.tmLanguage.json').bytes().toString('utf8')).toBe(readFileSync(GRAMMAR_FILE, 'utf8'));
    expect(entry('extension/readme.md').bytes().toString('utf8')).toBe(readFileSync(join(PACKAGE, 'README.md'), 'utf8'));
    expect(entry('extension/LICENSE.txt').bytes().toString('utf8')).toBe(readFileSync(join(PACKAGE, 'LICENSE'), 'utf8'));
    expect(readFileSync(join(PACKAGE, 'LICENSE'), 'utf8')).toBe(readFileSync(join(PACKAGE, '..', '..', 'LICENSE'), 'utf8'));
  });

  it.each([
    ['extension/dist/extension.cjs', ['vscode']],
    ['extension/dist/server.cjs', []],
  ])('%s requires only Node built-ins (and %j), has no source map, no CPR number of the examples', (name, allowed) => {
    const code = entry(name).bytes().toString('utf8');
    // Calls of require, not text in generated code (ajv's `'require("ajv/dist/runtime/…")'`).
    const required = new Set([...code.matchAll(/(?<![\w$.'"`])require\("([^"]+)"\)/g)].map((m) => m[1]!));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect([...required].filter((m) => !builtins.has(m) && !allowed.includes(m))).toEqual([]);
    if (allowed.includes('vscode')) expect(required.has('vscode')).toBe(true);
    expect(code).not.toContain('sourceMappingURL');
    const examples = ['tre-hovedveje/citizens.csv', 'historik/citizens.ndjson'].map((f) => readFileSync(join(PACKAGE, '..', '..', 'examples', f), 'utf8'));
    const cprs = new Set(examples.flatMap((t) => t.match(/\b\d{10}\b/g) ?? []));
    expect(cprs.size).toBeGreaterThan(100);
    for (const cpr of cprs) expect(code.includes(cpr), 'a CPR number of the examples').toBe(false);
  });

  it('the server of the unpacked .vsix, away from any node_modules, answers initialize and diagnostics', async () => {
    const ext = join(dir, 'unpacked', 'extension');
    for (const e of entries.filter((x) => x.name.startsWith('extension/'))) {
      const to = join(dir, 'unpacked', e.name);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, e.bytes());
    }
    const launch = serverLaunch(ext, '2026-11-23');
    const child = fork(launch.module, forkArguments(launch, process.pid), { silent: true, execArgv: [], cwd: dir });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const diagnostics = new Promise<{ diagnostics: { code: string }[] }>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
    try {
      const init = await connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: launch.initializationOptions,
      });
      expect(init.serverInfo?.name).toBe('visit-language-server');
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///x.visit', languageId: 'visit', version: 1, text: 'record R {\n  a: integer\n}\ngroup g = b > 1\n' },
      });
      expect((await diagnostics).diagnostics.map((d) => d.code)).toEqual(['unknown-name']);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      expect(await exited).toBe(0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
