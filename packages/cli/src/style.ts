// Colour for terminal output: only when the stream is a terminal and NO_COLOR is not set
// (https://no-color.org: any non-empty value disables colour). The escapes are written as
// OWN_ESC markers, which the output writers turn into ESC after escaping every control character
// that came from a rules file or a record (terminal-text.ts): a label cannot colour or move the
// terminal, our own colours still work.

import type { Io, OutStream } from './context';
import { OWN_ESC } from './terminal-text';

export interface Style {
  error(text: string): string;
  warning(text: string): string;
  ok(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

export const plainStyle: Style = {
  error: (t) => t,
  warning: (t) => t,
  ok: (t) => t,
  bold: (t) => t,
  dim: (t) => t,
};

const sgr = (open: number, close: number) => (t: string) => `${OWN_ESC}[${open}m${t}${OWN_ESC}[${close}m`;

const coloured: Style = {
  error: (t) => sgr(1, 22)(sgr(31, 39)(t)),
  warning: (t) => sgr(1, 22)(sgr(33, 39)(t)),
  ok: sgr(32, 39),
  bold: sgr(1, 22),
  dim: sgr(2, 22),
};

export function wantsColour(stream: OutStream, env: Io['env']): boolean {
  const noColor = env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

export function styleFor(stream: OutStream, env: Io['env']): Style {
  return wantsColour(stream, env) ? coloured : plainStyle;
}
