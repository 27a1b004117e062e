// A small pretty-printing document (after Wadler's "prettier printer", as Prettier uses it):
// text, line breaks that a group either keeps flat or breaks, indentation, and the two things
// comments need — a suffix that waits for the end of the line, and a fresh line.

export type Doc = string | Doc[] | DocCommand;

type DocCommand =
  | { t: 'line'; soft: boolean }
  | { t: 'hard' }
  | { t: 'fresh' }
  | { t: 'group'; contents: Doc; broken: boolean }
  | { t: 'indent'; contents: Doc }
  | { t: 'align'; width: number; contents: Doc }
  | { t: 'fill'; parts: Doc[] }
  | { t: 'suffix'; text: string }
  | { t: 'comment'; text: string; blankAfter: boolean }
  | { t: 'breakParent' };

/** A space when the enclosing group is flat, a line break when it is broken. */
export const line: Doc = { t: 'line', soft: false };
/** Nothing when flat, a line break when broken. */
export const softline: Doc = { t: 'line', soft: true };
/** Always a line break (and the enclosing groups break). */
export const hardline: Doc = { t: 'hard' };
/** A line break unless the current line is still empty. */
export const freshline: Doc = { t: 'fresh' };
/** Forces the enclosing groups to break. */
export const breakParent: Doc = { t: 'breakParent' };

export function group(contents: Doc): Doc {
  return { t: 'group', contents, broken: false };
}
export function indent(contents: Doc): Doc {
  return { t: 'indent', contents };
}
/** Indents continuation lines by `width` spaces more. */
export function align(width: number, contents: Doc): Doc {
  return { t: 'align', width, contents };
}
/** `parts` alternate content and separator; each separator breaks only when the next content does not fit. */
export function fill(parts: Doc[]): Doc {
  return { t: 'fill', parts };
}
/** Text printed just before the next line break (trailing comments). */
export function lineSuffix(text: string): Doc {
  return { t: 'suffix', text };
}
/**
 * A comment on a line of its own: nothing else follows it on that line (and with `blankAfter`, an
 * empty line follows it). Comments never make a group break: the layout is decided without them.
 */
export function ownLineComment(text: string, blankAfter = false): Doc {
  return [freshline, { t: 'comment', text, blankAfter }];
}

export function join(separator: Doc, docs: Doc[]): Doc[] {
  const out: Doc[] = [];
  docs.forEach((d, i) => {
    if (i > 0) out.push(separator);
    out.push(d);
  });
  return out;
}

/** Marks every group that contains a hard break (directly or in a nested group) as broken. */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) {
    let any = false;
    for (const d of doc) if (propagateBreaks(d)) any = true;
    return any;
  }
  switch (doc.t) {
    case 'hard':
    case 'breakParent':
      return true;
    case 'line':
    case 'suffix':
    case 'fresh':
    case 'comment':
      return false;
    case 'group': {
      const inner = propagateBreaks(doc.contents);
      if (inner) doc.broken = true;
      return inner;
    }
    case 'indent':
    case 'align':
      return propagateBreaks(doc.contents);
    case 'fill': {
      let any = false;
      for (const d of doc.parts) if (propagateBreaks(d)) any = true;
      return any;
    }
  }
}

/** Width of a document printed flat; Infinity if it cannot be flat. */
export function flatWidth(doc: Doc): number {
  if (typeof doc === 'string') return doc.length;
  if (Array.isArray(doc)) {
    let w = 0;
    for (const d of doc) w += flatWidth(d);
    return w;
  }
  switch (doc.t) {
    case 'line':
      return doc.soft ? 0 : 1;
    case 'hard':
    case 'breakParent':
      return Infinity;
    case 'suffix':
    case 'fresh':
    case 'comment':
      return 0;
    case 'group':
    case 'indent':
    case 'align':
      return flatWidth(doc.contents);
    case 'fill':
      return flatWidth(doc.parts);
  }
}

type Mode = 'flat' | 'break';
interface Frame {
  indent: number;
  mode: Mode;
  doc: Doc;
}

/** Prints `doc` within `width` columns. Trailing white space is trimmed from every line. */
export function printDoc(doc: Doc, width: number): string {
  propagateBreaks(doc);
  const lines: string[] = [];
  let current = '';
  let suffixes: string[] = [];

  // A trailing line comment ends its line (and so does a comment alone on its line): text that
  // would follow it starts a new line instead.
  let lineCommentPending = false;
  /** The current line holds code (not only indentation and comments). */
  let lineHasCode = false;
  let lineIndent = 0;
  let blankPending = false;
  const newline = (indent: number) => {
    let afterLineComment = false;
    for (const s of suffixes) {
      if (afterLineComment) {
        // A line comment would swallow what follows it on its line.
        lines.push(current.trimEnd());
        current = ' '.repeat(lineIndent);
      }
      // Trailing comments on a line with no code left are comments of their own.
      current = current.trim() === '' ? current + s.trimStart() : current.trimEnd() + s;
      afterLineComment = s.trimStart().startsWith('//');
    }
    suffixes = [];
    lineCommentPending = false;
    lineHasCode = false;
    const done = current.trimEnd();
    // Never two empty lines in a row.
    if (done !== '' || lines[lines.length - 1] !== '') lines.push(done);
    if (blankPending && lines[lines.length - 1] !== '') lines.push('');
    blankPending = false;
    current = ' '.repeat(indent);
    lineIndent = indent;
  };
  const text = (s: string, indent: number) => {
    if (lineCommentPending) {
      if (s.trim() === '') return;
      newline(indent);
    }
    current += s;
    if (s.trim() !== '') lineHasCode = true;
  };
  const column = () => {
    const nl = current.lastIndexOf('\n');
    return nl < 0 ? current.length : current.length - nl - 1;
  };

  const stack: Frame[] = [{ indent: 0, mode: 'break', doc }];
  while (stack.length > 0) {
    const { indent, mode, doc: d } = stack.pop()!;
    if (typeof d === 'string') {
      text(d, indent);
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ indent, mode, doc: d[i]! });
      continue;
    }
    switch (d.t) {
      case 'line':
        if (mode === 'flat') text(d.soft ? '' : ' ', indent);
        else newline(indent);
        break;
      case 'hard':
        newline(indent);
        break;
      case 'fresh':
        if (current.trim() !== '') newline(indent);
        break;
      case 'breakParent':
        break;
      case 'suffix':
        // On a line with no code there is nothing to trail: it is a comment of its own line.
        if (!lineHasCode) {
          if (current.trim() !== '') newline(indent);
          current += d.text.trimStart();
          lineCommentPending = true;
        } else {
          suffixes.push(d.text);
          if (d.text.trimStart().startsWith('//')) lineCommentPending = true;
        }
        break;
      case 'comment':
        if (current.trim() !== '') newline(indent);
        current += d.text;
        lineCommentPending = true;
        blankPending = d.blankAfter;
        break;
      case 'group': {
        const flat = !d.broken && column() + flatWidth(d.contents) <= width;
        stack.push({ indent, mode: flat ? 'flat' : 'break', doc: d.contents });
        break;
      }
      case 'indent':
        stack.push({ indent: indent + 2, mode, doc: d.contents });
        break;
      case 'align':
        stack.push({ indent: indent + d.width, mode, doc: d.contents });
        break;
      case 'fill': {
        // Content i is printed flat when it fits; separator i breaks when content i+1 does not fit
        // on the rest of the line. Decided one pair at a time, so it is pushed in reverse here and
        // decided as it is reached.
        const parts = d.parts;
        if (parts.length === 0) break;
        const [content, separator, ...rest] = parts;
        const contentFlat = flatWidth(content!) !== Infinity;
        if (separator === undefined) {
          stack.push({ indent, mode: contentFlat ? 'flat' : 'break', doc: content! });
          break;
        }
        const next = rest[0];
        const sepFlatW = flatWidth(separator);
        const fits =
          contentFlat &&
          !containsForcedBreak(separator) &&
          next !== undefined &&
          column() + flatWidth(content!) + sepFlatW + flatWidth(next) <= width;
        stack.push({ indent, mode, doc: { t: 'fill', parts: rest } });
        stack.push({ indent, mode: fits ? 'flat' : 'break', doc: separator });
        stack.push({ indent, mode: contentFlat ? 'flat' : 'break', doc: content! });
        break;
      }
    }
  }
  newline(0);
  // `newline` left an empty current line; drop trailing empty lines, end with one line break.
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function containsForcedBreak(doc: Doc): boolean {
  return flatWidth(doc) === Infinity;
}
