import { formatCount } from '../formatCount.js';
/**
 * Finds where each record of a delimited text starts and ends, and which records the CSV parser must not see, in one
 * pass of constant work a character: the parser (fast-csv) throws on bad quoting, which would end the reading of the
 * whole file, and slows down quadratically on very long records. The scanner follows fast-csv's own grammar (checked
 * against it by a property test): a field is quoted when its first non-space character is the quote; a closing quote
 * may be followed only by spaces, the delimiter or a line end; `""` inside quotes is one quote.
 */

/** Longest record (in characters, line breaks included) handed to the parser; longer ones are rejected unparsed. */
export const MAX_RECORD_CHARS = 64 * 1024;

/** Why a record is kept from the parser and rejected with its line. */
export interface RecordFlaw {
  code: 'quote_error' | 'line_too_long';
  /** A predicate about the row, as the rejection ledger phrases it ("This row …"). */
  message: string;
}

/** One record in file order: its first physical line, and for a flawed record its (capped) text and flaw. */
export interface ScannedRecord {
  line: number;
  flaw?: RecordFlaw;
  /** The record's text, at most MAX_RECORD_CHARS characters: only for flawed records (to find its customer). */
  text?: string;
}

/** A quoted field still open at the end of the text: the file cannot be cut into records after its start. */
export interface UnclosedQuote {
  line: number;
  column: number;
  /** The last physical line of the text. */
  lastLine: number;
}

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteSeen,
  AfterClose,
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const ASCII_END = 128;
const SPACE_PATTERN = /\s/;

/** Splits text into records, deciding for each whether the parser may read it. Feed pieces with `write`, then `end`. */
export class RecordScanner {
  private readonly delimiter: number;
  private readonly records: ScannedRecord[] = [];
  private head = 0;
  private state = State.FieldStart;
  private line = 1;
  private recordLine = 1;
  private started = false;
  private column = 1;
  private quoteLine = 0;
  private quoteColumn = 0;
  private chars = 0;
  private flaw: RecordFlaw | undefined;
  /** The previous character was a CR: an LF right after it ends the same line. */
  private afterCR = false;
  /** Text of the record in progress from earlier pieces (capped), when it started before the current piece. */
  private pending = '';
  /** The last finished record was kept from the parser. */
  private lastHeldBack = false;
  /** The last character seen was not a line break. */
  private openLine = false;

  constructor(
    delimiter: string,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Physical lines seen: line breaks, plus a last line that has none. */
  get lines(): number {
    return this.line - 1 + (this.openLine ? 1 : 0);
  }

  /** The next record in file order, if scanned; the reader takes them as the parser emits rows. */
  shift(): ScannedRecord | undefined {
    if (this.head === this.records.length) return undefined;
    const record = this.records[this.head]!;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records.splice(0, this.head);
      this.head = 0;
    }
    return record;
  }

  peek(): ScannedRecord | undefined {
    return this.records[this.head];
  }

  /** Scans a piece of text; returns the part the parser may read (the records without a flaw). */
  write(text: string): string {
    const out: string[] = [];
    let runStart = 0;
    // Where the record in progress starts in this piece; -1 when it started in an earlier piece.
    let recordStart = this.started ? -1 : 0;
    const capped = (from: number, to: number): string => {
      const head = recordStart === -1 ? this.pending : '';
      const room = this.maxRecordChars - head.length;
      return room <= 0 ? head : head + text.slice(from, Math.min(to, from + room));
    };
    const finish = (end: number): void => {
      this.checkLength();
      if (this.flaw === undefined) {
        if (recordStart === -1) {
          out.push(this.pending + text.slice(0, end));
          runStart = end;
        }
        this.records.push({ line: this.recordLine });
      } else {
        const from = recordStart === -1 ? 0 : recordStart;
        if (from > runStart) out.push(text.slice(runStart, from));
        this.records.push({ line: this.recordLine, flaw: this.flaw, text: capped(from, end) });
        runStart = end;
      }
      this.lastHeldBack = this.flaw !== undefined;
      this.pending = '';
      this.started = false;
      this.state = State.FieldStart;
      this.column = 1;
      this.chars = 0;
      this.flaw = undefined;
      recordStart = end;
    };

    // Next quote, CR and LF at or after the scan position, found by the engine's indexOf (Infinity: none left).
    let nextQuote = -1;
    let nextCR = -1;
    let nextLF = -1;
    const after = (char: string, from: number): number => {
      const found = text.indexOf(char, from);
      return found === -1 ? Number.POSITIVE_INFINITY : found;
    };
    for (let at = 0; at < text.length; at += 1) {
      if (!this.started && !this.afterCR) {
        // Fast path: a whole line ahead with no quote and no lone CR is one record the parser may read as it is.
        if (nextLF < at) nextLF = after('\n', at);
        if (nextQuote < at) nextQuote = after('"', at);
        if (nextCR < at) nextCR = after('\r', at);
        const lf = nextLF;
        if (lf < nextQuote && (nextCR > lf || nextCR === lf - 1) && lf + 1 - at <= this.maxRecordChars) {
          this.records.push({ line: this.line });
          this.line += 1;
          this.openLine = false;
          this.lastHeldBack = false;
          recordStart = lf + 1;
          at = lf;
          continue;
        }
      }
      const code = text.charCodeAt(at);
      if (this.afterCR) {
        this.afterCR = false;
        if (code === LF) {
          if (this.started) this.chars += 1;
          else {
            // The LF of a CRLF whose CR ended a record: kept from the parser too when that record was held back
            // (else the parser would read it as an empty line).
            if (this.lastHeldBack && runStart === at) runStart = at + 1;
            recordStart = at + 1;
          }
          continue;
        }
      }
      if (!this.started) {
        this.started = true;
        this.recordLine = this.line;
      }
      this.chars += 1;
      const lineBreak = code === LF || code === CR;
      this.openLine = !lineBreak;
      if (lineBreak) {
        this.line += 1;
        this.afterCR = code === CR;
      }
      switch (this.state) {
        case State.Quoted:
          if (code === QUOTE) this.state = State.QuoteSeen;
          break;
        case State.QuoteSeen:
          if (code === QUOTE) this.state = State.Quoted;
          else this.afterField(code, lineBreak, at, finish);
          break;
        case State.AfterClose:
          this.afterField(code, lineBreak, at, finish);
          break;
        case State.FieldStart:
          if (lineBreak) finish(at + 1);
          else if (code === this.delimiter) this.column += 1;
          else if (code === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.quoteColumn = this.column;
          } else if (!this.isSpace(code)) this.state = State.Unquoted;
          break;
        default:
          if (lineBreak) finish(at + 1);
          else if (code === this.delimiter) {
            this.column += 1;
            this.state = State.FieldStart;
          }
      }
    }

    if (this.started) {
      if (recordStart !== -1 && recordStart > runStart) out.push(text.slice(runStart, recordStart));
      this.pending = capped(recordStart === -1 ? 0 : recordStart, text.length);
    } else if (runStart < text.length) out.push(text.slice(runStart));
    return out.join('');
  }

  /**
   * Ends the text: returns what is left for the parser, or the quote that never closed (then the last record is not
   * a record at all, and nothing after that quote can be read).
   */
  end(): { text: string } | { unclosed: UnclosedQuote } {
    if (!this.started) return { text: '' };
    if (this.state === State.Quoted)
      return { unclosed: { line: this.quoteLine, column: this.quoteColumn, lastLine: this.line } };
    const pending = this.pending;
    const before = this.records.length;
    // `write` of an empty piece cannot finish a record: finish it by hand, as a line end would.
    this.closeLast();
    const last = this.records[before];
    return { text: last?.flaw ? '' : pending };
  }

  private checkLength(): void {
    if (this.flaw === undefined && this.chars > this.maxRecordChars)
      this.flaw = {
        code: 'line_too_long',
        message: `is ${formatCount(this.chars)} characters long, more than the ${formatCount(this.maxRecordChars)} a record may have: check the line ends and quotes in the ERP's export`,
      };
  }

  private closeLast(): void {
    this.checkLength();
    this.records.push(
      this.flaw === undefined
        ? { line: this.recordLine }
        : { line: this.recordLine, flaw: this.flaw, text: this.pending },
    );
    this.started = false;
  }

  /** After a closing quote only spaces, the delimiter or a line end may come; anything else is a quoting error. */
  private afterField(code: number, lineBreak: boolean, at: number, finish: (end: number) => void): void {
    if (lineBreak) finish(at + 1);
    else if (code === this.delimiter) {
      this.column += 1;
      this.state = State.FieldStart;
    } else if (this.isSpace(code)) this.state = State.AfterClose;
    else {
      this.flaw ??= {
        code: 'quote_error',
        message: `has text after the closing quote of column ${this.column}: a value that starts with a quote must be quoted whole, with each quote inside it doubled`,
      };
      this.state = State.Unquoted;
    }
  }

  private isSpace(code: number): boolean {
    if (code === this.delimiter) return false;
    if (code === SPACE || code === TAB) return true;
    return code >= ASCII_END ? SPACE_PATTERN.test(String.fromCharCode(code)) : code >= 11 && code <= 12;
  }
}
