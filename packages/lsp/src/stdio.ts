// The server on this process's stdin and stdout. stdout carries the protocol only: nothing else
// may be written there while it runs (console.log goes to the client's log through the connection).
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server';

/**
 * Starts the server on stdio; the returned promise never settles: the process ends on the
 * protocol's `exit` notification (code 0 after `shutdown`, else 1, as the LSP specifies) or when
 * the client's end of stdin closes.
 */
export function runStdioServer(options: ServerOptions = {}): Promise<never> {
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  startServer(connection, options);
  return new Promise<never>(() => undefined);
}
