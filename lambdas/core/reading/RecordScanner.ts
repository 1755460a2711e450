import { formatCount } from '../formatCount.js';
/**
 * Finds where each record of a delimited text starts and ends, and which records the CSV parser must not see, in one
 * pass of constant work a character: the parser (fast-csv) throws on bad quoting, which would end the reading of the
 * whole file, and slows down quadratically on very long records. The scanner follows fast-csv's own grammar (checked
 * against it by a property test): a field is quoted when its first non-space character is the quote; a closing quote
 * may be followed only by spaces, the delimiter or a line end; `""` inside quotes is one quote.
 *
 * In three pieces: `scanStep`, the grammar, pure (one character: the next state and what happened); the
 * `RecordCollector`, which keeps the records found and cuts the parser's text out of each piece; and the scanner,
 * which walks the text (lines without a quote in one step), counts lines and columns, and tells the collector.
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

/** Where in a field the scan is. */
export enum ScanState {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteSeen,
  AfterClose,
}

/** What a character did besides moving the state. */
export enum ScanEvent {
  None,
  /** A delimiter: the next column starts. */
  Column,
  /** The quote that opens a quoted field. */
  QuoteOpened,
  /** Text after a closing quote: fast-csv would throw on this record. */
  QuoteError,
  /** A line end outside quotes: the record ends after this character. */
  RecordEnd,
}

const EVENT_SHIFT = 3;
const STATE_MASK = (1 << EVENT_SHIFT) - 1;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const ASCII_END = 128;
const SPACE_PATTERN = /\s/;

/** White space as fast-csv trims it (the delimiter, even a space or a tab, is tested before this). */
const isSpace = (code: number): boolean => {
  if (code === SPACE || code === TAB) return true;
  return code >= ASCII_END ? SPACE_PATTERN.test(String.fromCharCode(code)) : code >= 11 && code <= 12;
};

const step = (state: ScanState, event: ScanEvent = ScanEvent.None): number => state | (event << EVENT_SHIFT);

/** After a closing quote only spaces, the delimiter or a line end may come; anything else is a quoting error. */
const afterField = (code: number, delimiter: number): number => {
  if (code === LF || code === CR) return step(ScanState.FieldStart, ScanEvent.RecordEnd);
  if (code === delimiter) return step(ScanState.FieldStart, ScanEvent.Column);
  if (isSpace(code)) return step(ScanState.AfterClose);
  return step(ScanState.Unquoted, ScanEvent.QuoteError);
};

/**
 * One character through fast-csv's grammar: the next state and what happened, packed as `state | event << 3`
 * (`stateOf`, `eventOf` unpack it) so that the scan of a quoted record allocates nothing per character.
 */
export const scanStep = (state: ScanState, code: number, delimiter: number): number => {
  switch (state) {
    case ScanState.Quoted:
      return step(code === QUOTE ? ScanState.QuoteSeen : ScanState.Quoted);
    case ScanState.QuoteSeen:
      return code === QUOTE ? step(ScanState.Quoted) : afterField(code, delimiter);
    case ScanState.AfterClose:
      return afterField(code, delimiter);
    case ScanState.FieldStart:
      if (code === LF || code === CR) return step(ScanState.FieldStart, ScanEvent.RecordEnd);
      if (code === delimiter) return step(ScanState.FieldStart, ScanEvent.Column);
      if (code === QUOTE) return step(ScanState.Quoted, ScanEvent.QuoteOpened);
      return step(isSpace(code) ? ScanState.FieldStart : ScanState.Unquoted);
    default:
      if (code === LF || code === CR) return step(ScanState.FieldStart, ScanEvent.RecordEnd);
      if (code === delimiter) return step(ScanState.FieldStart, ScanEvent.Column);
      return step(ScanState.Unquoted);
  }
};

export const stateOf = (stepped: number): ScanState => stepped & STATE_MASK;
export const eventOf = (stepped: number): ScanEvent => stepped >> EVENT_SHIFT;

/**
 * Keeps the records the scan finds, in file order, for the reader (which takes them as the parser emits rows), and
 * cuts each piece of text into what the parser may read: the runs of flawless records, a record begun in an earlier
 * piece joined whole, a flawed record left out.
 */
class RecordCollector {
  private readonly records: ScannedRecord[] = [];
  private head = 0;
  /** Text of the record in progress from earlier pieces (capped), when it started before the current piece. */
  private pending = '';
  /** The last finished record was kept from the parser. */
  private lastHeldBack = false;
  /** The piece being scanned, the parser's parts of it so far, and where its next part starts. */
  private text = '';
  private out: string[] = [];
  private runStart = 0;
  /** Where the record in progress starts in the piece; -1 when it started in an earlier piece. */
  private recordStart = 0;

  constructor(private readonly maxRecordChars: number) {}

  shift(): ScannedRecord | undefined {
    if (this.head === this.records.length) return undefined;
    const record = this.records[this.head]!;
    this.head += 1;
    // Taken records are dropped now and then, so that the list holds only those the parser has not reached.
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records.splice(0, this.head);
      this.head = 0;
    }
    return record;
  }

  peek(): ScannedRecord | undefined {
    return this.records[this.head];
  }

  begin(text: string, recordInProgress: boolean): void {
    this.text = text;
    this.out = [];
    this.runStart = 0;
    this.recordStart = recordInProgress ? -1 : 0;
  }

  /** A flawless record ends before `end`: the parser reads it (whole, when it began in an earlier piece). */
  keep(line: number, end: number): void {
    if (this.recordStart === -1) {
      this.out.push(this.pending + this.text.slice(0, end));
      this.runStart = end;
    }
    this.records.push({ line });
    this.ended(end, false);
  }

  /** A flawed record ends before `end`: kept from the parser, its text (capped) kept for the reader. */
  holdBack(line: number, flaw: RecordFlaw, end: number): void {
    const from = this.recordStart === -1 ? 0 : this.recordStart;
    if (from > this.runStart) this.out.push(this.text.slice(this.runStart, from));
    this.records.push({ line, flaw, text: this.capped(from, end) });
    this.runStart = end;
    this.ended(end, true);
  }

  /**
   * The LF of a CRLF whose CR ended a record: kept from the parser too when that record was held back (else the
   * parser would read it as an empty line).
   */
  lineEndAfterRecord(at: number): void {
    if (this.lastHeldBack && this.runStart === at) this.runStart = at + 1;
    this.recordStart = at + 1;
  }

  /** The piece is scanned: the parser's part of it; a record still in progress keeps its text so far. */
  finishPiece(recordInProgress: boolean): string {
    const { text } = this;
    if (recordInProgress) {
      if (this.recordStart !== -1 && this.recordStart > this.runStart)
        this.out.push(text.slice(this.runStart, this.recordStart));
      this.pending = this.capped(this.recordStart === -1 ? 0 : this.recordStart, text.length);
    } else if (this.runStart < text.length) this.out.push(text.slice(this.runStart));
    this.text = '';
    return this.out.join('');
  }

  /** The text ends inside a record (no line end after it): the parser's last text, or none for a flawed one. */
  closeLast(line: number, flaw: RecordFlaw | undefined): string {
    const { pending } = this;
    this.records.push(flaw === undefined ? { line } : { line, flaw, text: pending });
    this.pending = '';
    return flaw ? '' : pending;
  }

  private ended(end: number, heldBack: boolean): void {
    this.lastHeldBack = heldBack;
    this.pending = '';
    this.recordStart = end;
  }

  private capped(from: number, to: number): string {
    const head = this.recordStart === -1 ? this.pending : '';
    const room = this.maxRecordChars - head.length;
    return room <= 0 ? head : head + this.text.slice(from, Math.min(to, from + room));
  }
}

/** Splits text into records, deciding for each whether the parser may read it. Feed pieces with `write`, then `end`. */
export class RecordScanner {
  private readonly delimiter: number;
  private readonly collector: RecordCollector;
  /** The physical line the scan is on, and whether the last character was a CR (an LF right after it ends no line). */
  private line = 1;
  private afterCR = false;
  /** The last character seen was not a line break. */
  private openLine = false;
  /** The record in progress: begun, its first line, its state, column, length, flaw and where its quote opened. */
  private started = false;
  private recordLine = 1;
  private state = ScanState.FieldStart;
  private column = 1;
  private chars = 0;
  private flaw: RecordFlaw | undefined;
  private quoteLine = 0;
  private quoteColumn = 0;

  /** @param firstLine the physical line the text starts on: 2 when a line was taken off before it (Excel's `sep=`). */
  constructor(
    delimiter: string,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
    firstLine = 1,
  ) {
    this.line = firstLine;
    this.recordLine = firstLine;
    this.delimiter = delimiter.charCodeAt(0);
    this.collector = new RecordCollector(maxRecordChars);
  }

  /** Physical lines seen: line breaks, plus a last line that has none. */
  get lines(): number {
    return this.line - 1 + (this.openLine ? 1 : 0);
  }

  /** The next record in file order, if scanned; the reader takes them as the parser emits rows. */
  shift(): ScannedRecord | undefined {
    return this.collector.shift();
  }

  peek(): ScannedRecord | undefined {
    return this.collector.peek();
  }

  /** Scans a piece of text; returns the part the parser may read (the records without a flaw). */
  write(text: string): string {
    const { collector } = this;
    collector.begin(text, this.started);
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
          collector.keep(this.line, lf + 1);
          this.line += 1;
          this.openLine = false;
          at = lf;
          continue;
        }
      }
      this.scanCharacter(text.charCodeAt(at), at);
    }
    return collector.finishPiece(this.started);
  }

  /**
   * Ends the text: returns what is left for the parser, or the quote that never closed (then the last record is not
   * a record at all, and nothing after that quote can be read).
   */
  end(): { text: string } | { unclosed: UnclosedQuote } {
    if (!this.started) return { text: '' };
    if (this.state === ScanState.Quoted)
      return { unclosed: { line: this.quoteLine, column: this.quoteColumn, lastLine: this.line } };
    // `write` of an empty piece cannot finish a record: finish it by hand, as a line end would.
    this.checkLength();
    this.started = false;
    return { text: this.collector.closeLast(this.recordLine, this.flaw) };
  }

  /** One character of a record the fast path could not take whole. */
  private scanCharacter(code: number, at: number): void {
    if (this.afterCR) {
      this.afterCR = false;
      if (code === LF) {
        // The LF of a CRLF: its line was counted at the CR.
        if (this.started) this.chars += 1;
        else this.collector.lineEndAfterRecord(at);
        return;
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
    const stepped = scanStep(this.state, code, this.delimiter);
    this.state = stateOf(stepped);
    switch (eventOf(stepped)) {
      case ScanEvent.Column:
        this.column += 1;
        break;
      case ScanEvent.QuoteOpened:
        this.quoteLine = this.line;
        this.quoteColumn = this.column;
        break;
      case ScanEvent.QuoteError:
        this.flaw ??= {
          code: 'quote_error',
          message: `has text after the closing quote of column ${this.column}: a value that starts with a quote must be quoted whole, with each quote inside it doubled`,
        };
        break;
      case ScanEvent.RecordEnd:
        this.finishRecord(at + 1);
        break;
      default:
    }
  }

  /** The record ends before `end`: handed to the parser, or kept from it with its flaw. */
  private finishRecord(end: number): void {
    this.checkLength();
    if (this.flaw === undefined) this.collector.keep(this.recordLine, end);
    else this.collector.holdBack(this.recordLine, this.flaw, end);
    this.started = false;
    this.state = ScanState.FieldStart;
    this.column = 1;
    this.chars = 0;
    this.flaw = undefined;
  }

  private checkLength(): void {
    if (this.flaw === undefined && this.chars > this.maxRecordChars)
      this.flaw = {
        code: 'line_too_long',
        message: `is ${formatCount(this.chars)} characters long, more than the ${formatCount(this.maxRecordChars)} a record may have: check the line ends and quotes in the ERP's export`,
      };
  }
}
