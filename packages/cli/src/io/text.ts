// Bytes → text for the record readers: UTF-8, BOM stripped, multi-byte characters split across
// chunks reassembled. Shared by the CSV and NDJSON readers.

/** What the readers accept: a Node Readable (file stream, stdin) or any async iterable of chunks. */
export type ByteSource = AsyncIterable<Uint8Array | string>;

const BOM = 0xfeff;

/**
 * Pulls chunks from a source and hands them out as decoded text. Invalid UTF-8 becomes U+FFFD
 * (TextDecoder's replacement), so a Windows-1252 file is read, not rejected.
 */
export class TextChunks {
  private readonly iterator: AsyncIterator<Uint8Array | string>;
  private readonly decoder = new TextDecoder('utf-8');
  private first = true;
  /** True once the source has ended and the decoder has been flushed. */
  done = false;

  constructor(source: ByteSource) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** The next piece of text ('' is possible); after the last one, `done` is true. */
  async next(): Promise<string> {
    if (this.done) return '';
    const step = await this.iterator.next();
    let text: string;
    if (step.done) {
      this.done = true;
      text = this.decoder.decode();
    } else if (typeof step.value === 'string') {
      text = step.value;
    } else {
      // TextDecoder strips a BOM at the start of the byte stream itself (ignoreBOM: false).
      text = this.decoder.decode(step.value, { stream: true });
    }
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    return text;
  }

  /** Stops reading early: lets a file stream close its descriptor. */
  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.iterator.return?.();
  }
}
