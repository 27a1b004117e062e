// What the VS Code extension (packages/vscode, bundled at build time) shares with the command line,
// so that its Testing view and `visit test` cannot disagree. A workspace-internal subpath: the
// published @visit/cli is the `visit` command only (its publishConfig exports no module).
export { runTest, type CompileCache, type TestResult } from './test-command';
export { isIsoDate } from './options';
export { localIsoDate } from './context';
