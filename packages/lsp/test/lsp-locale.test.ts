// The language server speaks the client's language (issue 14 §3): `initialize`'s `locale` ("da",
// "da-DK" → Danish), overridden by `initializationOptions.lang`; else English. The real server
// process, one per client.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, startServer, type Server } from './lsp-support';

beforeAll(() => buildCli(), 120_000);

const RECORD = 'record Citizen {\n  age: number\n  education: one of (none, vocational)\n}\n';
const SOURCE = `${RECORD}group g = agee < 30\ngroup og = age > 1\n`;

const DANISH = [
  "ukendt navn 'agee': her skal stå et felt, en let-værdi, en parameter eller en gruppe — mente du 'age'?",
  "her skal stå et navn, men der står 'og' ('og' er et nøgleord og kan ikke bruges som navn)",
];
const ENGLISH = [
  "unknown name 'agee': expected a field, let, param or group — did you mean 'age'?",
  "expected a name but found 'og' ('og' is a keyword, so it cannot be used as a name)",
];

let server: Server | undefined;
afterEach(async () => {
  if (server) expect(await server.stop()).toBe(0);
  server = undefined;
});

describe('the language of the diagnostics', () => {
  it.each([
    ['locale da', { locale: 'da' }, DANISH],
    ['locale da-DK', { locale: 'da-DK' }, DANISH],
    ['locale en-US', { locale: 'en-US' }, ENGLISH],
    ['no locale', {}, ENGLISH],
    ['locale en-US, initializationOptions.lang da', { locale: 'en-US', initializationOptions: { lang: 'da' } }, DANISH],
    ['locale da, initializationOptions.lang en', { locale: 'da', initializationOptions: { lang: 'en' } }, ENGLISH],
    ['locale da, an unknown initializationOptions.lang', { locale: 'da', initializationOptions: { lang: 'xx' } }, DANISH],
  ])('%s', async (_, params, expected) => {
    server = startServer();
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, ...params });
    await server.connection.sendNotification('initialized', {});
    const uri = 'file:///locale/rules.visit';
    server.open(uri, SOURCE, 1);
    const published = await server.diagnosticsFor(uri, 1);
    const messages = published.diagnostics.map((d) => (d as unknown as { message: string }).message).sort();
    expect(messages).toEqual([...expected].sort());
    // Codes do not depend on the language.
    expect(published.diagnostics.map((d) => d.code).sort()).toEqual(['syntax-error', 'unknown-name']);
  });
});

describe('the language of code-action titles and inlay hints', () => {
  const rules = `${RECORD.replace('age: number', 'birth: date')}let age = age_of(birth)\ngroup g = agee < 30 years\ngroup h = age < 30 years\ntest "t" {\n  given { birth: 2000-01-01 }\n  expect h\n}\n`;
  // [locale, quick-fix title, pin title, inlay hint]
  it.each([
    ['da', 'Ret til age', 'Fastlås testen til en dato: as of 2026-11-23', 'født efter 1996-11-23'],
    ['en-US', 'Change to age', 'Pin this test to a date: as of 2026-11-23', 'born after 1996-11-23'],
  ])('locale %s', async (locale, fix, pin, hint) => {
    server = startServer(['--as-of', '2026-11-23']);
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, locale });
    await server.connection.sendNotification('initialized', {});
    const uri = 'file:///locale/actions.visit';
    server.open(uri, rules, 1);
    const published = await server.diagnosticsFor(uri, 1);
    const whole = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
    const actions = await server.connection.sendRequest<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: whole,
      context: { diagnostics: published.diagnostics },
    });
    expect(actions.map((a) => a.title)).toEqual([fix, pin]);
    const hints = await server.connection.sendRequest<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range: whole });
    expect(hints.map((h) => h.label)).toEqual([hint]);
  });
});
