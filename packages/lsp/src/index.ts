// @visit/lsp: the Visit language server (`visit lsp --stdio` runs it).
export { startServer, capabilities, DIAGNOSTICS_DELAY_MS, SERVER_NAME, type ServerOptions } from './server';
export { runStdioServer } from './stdio';
