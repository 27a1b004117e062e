// The language server bundled into the extension (dist/server.cjs): @visit/lsp's startServer on
// the connection vscode-languageclient opens (the transport from the command line: `--node-ipc`
// as the extension starts it, or `--stdio`). The reference date of inlay hints and "pin this test":
// `initializationOptions.asOf`, else `--as-of DATE`, else today (each time it is asked).
import { startServer } from '@visit/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { asOfArgument, asOfOption, referenceDate } from './dates';

const connection = createConnection(ProposedFeatures.all);
// Nothing may reach stdout but the protocol (when the transport is stdio).
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

let fixed = asOfArgument(process.argv);
// startServer answers `initialize`; the client's options are read on the way in.
const onInitialize = connection.onInitialize.bind(connection);
connection.onInitialize = (handler) =>
  onInitialize((params, token, progress) => {
    fixed = asOfOption(params.initializationOptions) ?? fixed;
    return handler(params, token, progress);
  });

startServer(connection, { referenceDate: () => referenceDate(fixed) });
