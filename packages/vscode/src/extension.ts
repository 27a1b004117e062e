// The Visit extension for VS Code (bundled to dist/extension.cjs, `vscode` left external). Thin on
// purpose: the language server is @visit/lsp (dist/server.cjs, started as launch.ts says), the
// tests come from file-tests.ts and the screening from screen-file.ts — plain modules tested
// without VS Code. What is here only connects them to VS Code's API.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { referenceDate, settingDate } from './dates';
import { fileTests, runFileTests } from './file-tests';
import { serverLaunch } from './launch';
import { screenFile } from './screen-file';

let client: LanguageClient | undefined;
/**
 * Starting and stopping the client, one after the other: a setting changed twice in quick
 * succession would otherwise stop a client that is still starting (vscode-languageclient refuses
 * that, and the first server would be left running).
 */
let lifecycle: Promise<void> = Promise.resolve();
function serially(step: () => Promise<void>): Promise<void> {
  const next = lifecycle.then(step);
  lifecycle = next.catch(() => undefined);
  return next;
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

function asOfSetting(): string | undefined {
  return settingDate(vscode.workspace.getConfiguration('visit').get<string>('asOf'));
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const launch = serverLaunch(context.extensionPath, asOfSetting());
  const run = { module: launch.module, args: launch.args, transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'visit' }],
    initializationOptions: launch.initializationOptions,
  };
  client = new LanguageClient('visit', 'Visit language server', serverOptions, clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await serially(() => startClient(context));

  // A new reference date: the server is started again with it.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('visit.asOf')) return;
      serially(async () => {
        await stopClient();
        await startClient(context);
      }).catch((err: unknown) => void vscode.window.showErrorMessage(`Visit: the language server did not start again: ${err instanceof Error ? err.message : String(err)}`));
    }),
  );

  // Tests: one controller, one item per file, one child per `test` block.
  const controller = vscode.tests.createTestController('visit', 'Visit tests');
  context.subscriptions.push(controller);

  const refresh = (doc: vscode.TextDocument): vscode.TestItem | undefined => {
    if (doc.languageId !== 'visit') return undefined;
    const id = doc.uri.toString();
    const tests = fileTests(doc.getText());
    if (tests.length === 0) {
      controller.items.delete(id);
      return undefined;
    }
    const file = controller.items.get(id) ?? controller.createTestItem(id, basename(doc.uri.fsPath), doc.uri);
    file.children.replace(
      tests.map((t) => {
        const item = controller.createTestItem(t.id, t.label, doc.uri);
        item.range = new vscode.Range(t.range.start.line, t.range.start.character, t.range.end.line, t.range.end.character);
        return item;
      }),
    );
    controller.items.add(file);
    return file;
  };
  // While typing: the items follow the text after a pause, not at every key.
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const later = (doc: vscode.TextDocument): void => {
    if (doc.languageId !== 'visit') return;
    const id = doc.uri.toString();
    clearTimeout(pending.get(id));
    pending.set(id, setTimeout(() => (pending.delete(id), refresh(doc)), 300));
  };
  context.subscriptions.push({ dispose: () => pending.forEach((t) => clearTimeout(t)) });
  for (const doc of vscode.workspace.textDocuments) refresh(doc);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => later(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => controller.items.delete(doc.uri.toString())),
  );

  const runItems = async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> => {
    const run = controller.createTestRun(request);
    const files = new Map<vscode.TestItem, Set<string> | undefined>();
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else controller.items.forEach((i) => roots.push(i));
    for (const item of roots) {
      if (item.parent) {
        const ids = files.get(item.parent) ?? new Set<string>();
        ids.add(item.id);
        files.set(item.parent, ids);
      } else files.set(item, undefined);
    }
    try {
      for (const [file, only] of files) {
        if (token.isCancellationRequested || !file.uri) break;
        const doc = await vscode.workspace.openTextDocument(file.uri);
        const children = new Map<string, vscode.TestItem>();
        file.children.forEach((c) => children.set(c.id, c));
        for (const [id, c] of children) if (!only || only.has(id)) run.started(c);
        const started = Date.now();
        const result = runFileTests(basename(file.uri.fsPath), doc.getText(), { asOf: referenceDate(asOfSetting()), ...(only ? { only } : {}) });
        const duration = Date.now() - started;
        for (const r of result.results) {
          const item = children.get(r.id);
          if (!item || request.exclude?.includes(item)) continue;
          if (r.passed) run.passed(item, duration);
          else {
            const message = new vscode.TestMessage(r.message);
            if (item.uri && item.range) message.location = new vscode.Location(item.uri, item.range);
            run.failed(item, message, duration);
          }
        }
      }
    } finally {
      run.end();
    }
  };
  controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, runItems, true);

  context.subscriptions.push(
    vscode.commands.registerCommand('visit.runTests', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== 'visit') {
        void vscode.window.showWarningMessage('Visit: open a .visit file to run its tests.');
        return;
      }
      const file = refresh(doc);
      if (!file) {
        void vscode.window.showInformationMessage(`Visit: ${basename(doc.uri.fsPath)} has no test blocks.`);
        return;
      }
      const source = new vscode.CancellationTokenSource();
      try {
        await runItems(new vscode.TestRunRequest([file]), source.token);
      } finally {
        source.dispose();
      }
      void vscode.commands.executeCommand('workbench.view.testing.focus');
    }),

    vscode.commands.registerCommand('visit.screenRecords', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      let rulesUri = doc?.languageId === 'visit' ? doc.uri : undefined;
      if (!rulesUri) {
        const picked = await vscode.window.showOpenDialog({ title: 'Visit: the rules', filters: { Visit: ['visit'] }, canSelectMany: false });
        rulesUri = picked?.[0];
      }
      if (!rulesUri) return;
      const records = await vscode.window.showOpenDialog({
        title: 'Visit: the records to screen',
        openLabel: 'Screen',
        canSelectMany: false,
        filters: { 'Records (CSV, NDJSON)': ['csv', 'txt', 'ndjson', 'jsonl'] },
      });
      const input = records?.[0];
      if (!input) return;
      const rulesSource = doc?.uri.toString() === rulesUri.toString() ? doc.getText() : await readFile(rulesUri.fsPath, 'utf8');
      try {
        const done = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Visit: screening ${basename(input.fsPath)}…` },
          () => screenFile(basename(rulesUri.fsPath), rulesSource, input.fsPath, { asOf: referenceDate(asOfSetting()) }),
        );
        const channel = output();
        channel.appendLine(done.text.trimEnd());
        channel.appendLine(`  written to ${done.output}`);
        channel.show(true);
        const open = await vscode.window.showInformationMessage(
          `Visit: ${done.summary.rows} rows screened (${done.summary.invalid} invalid), written to ${basename(done.output)}.`,
          'Open output',
        );
        if (open) await vscode.window.showTextDocument(vscode.Uri.file(done.output));
      } catch (e) {
        // The batch's messages name rows and columns, never a record's values.
        void vscode.window.showErrorMessage(`Visit: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  );
}

let channel: vscode.OutputChannel | undefined;
function output(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel('Visit');
  return channel;
}

export async function deactivate(): Promise<void> {
  await serially(stopClient);
}
