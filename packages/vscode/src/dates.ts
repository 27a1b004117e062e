// The reference date (setting `visit.asOf`): what the extension passes to the language server
// (`--as-of DATE` on its command line and `initializationOptions.asOf`) and uses for tests without
// `as of` and for screening. Plain code, no `vscode` import: tested without VS Code.
import { isIsoDate, localIsoDate } from '@visit/cli/extension-api';

export { isIsoDate, localIsoDate };

/** The setting's value as a date, or undefined for "today" (empty, or not a date that exists). */
export function settingDate(value: unknown): string | undefined {
  return typeof value === 'string' && isIsoDate(value.trim()) ? value.trim() : undefined;
}

/** The date a fixed setting gives, else today (local time, as `visit` takes today). */
export function referenceDate(fixed: string | undefined, now: Date = new Date()): string {
  return fixed ?? localIsoDate(now);
}

/** `--as-of DATE` from a server's command line (`--as-of DATE` or `--as-of=DATE`), if it is a date. */
export function asOfArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--as-of') return settingDate(argv[i + 1]);
    if (a.startsWith('--as-of=')) return settingDate(a.slice('--as-of='.length));
  }
  return undefined;
}

/** `initializationOptions.asOf`, if it is a date. */
export function asOfOption(initializationOptions: unknown): string | undefined {
  if (typeof initializationOptions !== 'object' || initializationOptions === null) return undefined;
  return settingDate((initializationOptions as { asOf?: unknown }).asOf);
}
