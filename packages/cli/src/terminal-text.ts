// Text that reaches a terminal: control characters that come from a rules file or a record
// (an ESC in a label, a CR in an id) are shown as visible escapes instead of acting on the
// terminal, and, on stderr, anything that looks like a CPR number is masked.
//
// Our own escapes (colour, the progress bar's carriage return) must survive, so they are not
// written as raw ESC/CR while a line is built: the style and progress modules write the markers
// below, and `terminalText` turns exactly those markers back into ESC and CR after escaping
// everything else. A marker holds a random per-process nonce, so no input can forge one.

import { randomBytes } from 'node:crypto';

const NONCE = randomBytes(9).toString('base64url').replace(/[^A-Za-z]/g, 'q');

/** Stands for ESC (0x1b) in text we compose ourselves (SGR colours, the progress bar's erase). */
export const OWN_ESC = `\u0000${NONCE}E`;
/** Stands for CR (0x0d) in text we compose ourselves (the progress bar's redraw). */
export const OWN_CR = `\u0000${NONCE}R`;

const OWN = new RegExp(`\u0000${NONCE}([ER])`, 'g');

/**
 * What is shown escaped: C0 controls except tab and line feed, DEL, C1 controls (0x80–0x9f, which
 * some terminals obey like ESC sequences), the bidirectional overrides and isolates
 * ("Trojan Source": they reorder what the reader sees), and the Unicode line/paragraph separators.
 * Letters of every script (æ, ø, å, …) and other symbols pass unchanged.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** `\x1b` → `\u001b`: visible, unambiguous, and the way JSON writes it. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A CPR number: DDMMYY, an optional hyphen, four digits, not inside a longer run of digits; or the
 * same as nine digits, as a CPR number written as a number loses its leading zero (`0101701234` →
 * 101701234, which is how an explanation shows a number). The date is checked for plausibility (a
 * day that exists in that month; 29 February only in years divisible by 4, which covers 1900/2000
 * ambiguity on the safe side), so that counts, timestamps and other long numbers are mostly left
 * alone. Modulus 11 is not checked: CPR numbers issued since 2007 need not satisfy it.
 */
const CPR = /(?<!\d)(?:(\d{2})(\d{2})(\d{2})-?\d{4}|(\d)(\d{2})(\d{2})\d{4})(?!\d)/g;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const CPR_MASK = '••••••-••••';

/** The date of a match of CPR (groups 1–3: ten digits; 4–6: nine) is one that exists. */
function plausibleCpr(groups: readonly (string | undefined)[]): boolean {
  const day = Number(groups[1] ?? groups[4]);
  const month = Number(groups[2] ?? groups[5]);
  const yy = Number(groups[3] ?? groups[6]);
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!) return false;
  return !(month === 2 && day === 29 && yy % 4 !== 0);
}

export function maskCpr(text: string): string {
  return text.replace(CPR, (...m: (string | undefined)[]) => (plausibleCpr(m) ? CPR_MASK : m[0]!));
}

/** Where `maskCpr` would mask: [start, end) of each CPR number in `text` (to mask a line and keep a caret in place). */
export function cprSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(CPR)) if (plausibleCpr(m)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Anything that needs work: a marker (NUL), a control or bidi character, or a run of nine or ten digits. */
const NEEDS_WORK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\d{5}-?\d{4}/;

/**
 * `text` made safe for a terminal: control characters escaped (see UNSAFE), our own markers turned
 * into ESC and CR, and with `maskCprNumbers` every plausible CPR number masked.
 */
export function terminalText(text: string, options: { maskCprNumbers?: boolean } = {}): string {
  if (!NEEDS_WORK.test(text)) return text;
  const clean = (piece: string) => escapeControls(options.maskCprNumbers ? maskCpr(piece) : piece);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(OWN)) {
    out += clean(text.slice(last, m.index)) + (m[1] === 'E' ? '\x1b' : '\r');
    last = m.index + m[0].length;
  }
  return out + clean(text.slice(last));
}

/** Our markers as raw ESC and CR, nothing else changed (for output that is not a terminal's text). */
export function ownMarkersOnly(text: string): string {
  if (!text.includes('\u0000')) return text;
  return text.replace(OWN, (_, kind: string) => (kind === 'E' ? '\x1b' : '\r'));
}
