import { Transform, type TransformCallback } from 'node:stream';

const quote = 0x22;
const newline = 0x0a;

/**
 * Passes CSV bytes through unchanged and counts the records that went by
 * (the header not included), for the progress of an export another server
 * writes. A line break inside a quoted cell (notes often have them) is no
 * record end; a doubled quote inside a cell toggles twice, so it changes
 * nothing. Expects each record to end with a line break, as the app's CSV does.
 */
export class CsvRecordCounter extends Transform {
  private quoted = false;
  private lines = 0;

  constructor(private readonly onRecords: (records: number) => void) {
    super();
  }

  /** Records passed so far, the header not counted. */
  get records(): number {
    return Math.max(0, this.lines - 1);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const before = this.lines;
    for (const byte of chunk) {
      if (byte === quote) this.quoted = !this.quoted;
      else if (byte === newline && !this.quoted) this.lines += 1;
    }
    if (this.lines !== before) this.onRecords(this.records);
    done(null, chunk);
  }
}
