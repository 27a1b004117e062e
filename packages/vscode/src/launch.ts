// How the extension starts the bundled language server (dist/server.cjs): a Node module forked by
// vscode-languageclient with IPC as the transport. Plain code, no `vscode` import, so that the
// test starts the server exactly this way without VS Code.
import { join } from 'node:path';

export interface ServerLaunch {
  /** The server module, dist/server.cjs inside the extension. */
  module: string;
  /** Its arguments before the transport's (`--as-of DATE` when the setting is a date). */
  args: string[];
  transport: 'ipc';
  /** What the client sends in `initialize`. */
  initializationOptions: { asOf?: string };
}

export function serverLaunch(extensionPath: string, asOf: string | undefined): ServerLaunch {
  return {
    module: join(extensionPath, 'dist', 'server.cjs'),
    args: asOf === undefined ? [] : ['--as-of', asOf],
    transport: 'ipc',
    initializationOptions: asOf === undefined ? {} : { asOf },
  };
}

/**
 * The command line vscode-languageclient's LanguageClient gives a forked module with
 * TransportKind.ipc (lib/node/main.js): the args, `--node-ipc`, `--clientProcessId=PID`.
 */
export function forkArguments(launch: ServerLaunch, clientProcessId: number): string[] {
  return [...launch.args, '--node-ipc', `--clientProcessId=${clientProcessId}`];
}
