import { describe, expect, it } from 'vitest';
import {
  eventOf,
  ScanEvent,
  ScanState,
  scanStep,
  stateOf,
} from '../../../lambdas/core/reading/RecordScanner.js';

const { FieldStart, Unquoted, Quoted, QuoteSeen, AfterClose } = ScanState;
const { None, Column, QuoteOpened, QuoteError, RecordEnd } = ScanEvent;

/** One character through the grammar, as [next state, event]. */
const through = (state: ScanState, char: string, delimiter = '|'): [ScanState, ScanEvent] => {
  const stepped = scanStep(state, char.charCodeAt(0), delimiter.charCodeAt(0));
  return [stateOf(stepped), eventOf(stepped)];
};

// fast-csv's grammar, one character at a time (the property test holds the whole scanner to fast-csv itself).
describe('scanStep', () => {
  it.each([
    [FieldStart, ' ', [FieldStart, None]],
    [FieldStart, '\u00a0', [FieldStart, None]],
    [FieldStart, 'a', [Unquoted, None]],
    [FieldStart, '"', [Quoted, QuoteOpened]],
    [FieldStart, '|', [FieldStart, Column]],
    [FieldStart, '\n', [FieldStart, RecordEnd]],
    [Unquoted, '"', [Unquoted, None]],
    [Unquoted, '|', [FieldStart, Column]],
    [Unquoted, '\r', [FieldStart, RecordEnd]],
    [Quoted, '\n', [Quoted, None]],
    [Quoted, '|', [Quoted, None]],
    [Quoted, '"', [QuoteSeen, None]],
    [QuoteSeen, '"', [Quoted, None]],
    [QuoteSeen, ' ', [AfterClose, None]],
    [QuoteSeen, '|', [FieldStart, Column]],
    [QuoteSeen, '\n', [FieldStart, RecordEnd]],
    [QuoteSeen, 'x', [Unquoted, QuoteError]],
    [AfterClose, '\t', [AfterClose, None]],
    [AfterClose, 'x', [Unquoted, QuoteError]],
  ] as const)('from %s, %j goes to %j', (state, char, expected) => {
    expect(through(state, char)).toEqual(expected);
  });

  it('takes the delimiter before white space, when the delimiter is a space or a tab', () => {
    expect(through(FieldStart, ' ', ' ')).toEqual([FieldStart, Column]);
    expect(through(AfterClose, '\t', '\t')).toEqual([FieldStart, Column]);
    expect(through(Unquoted, ' ', ' ')).toEqual([FieldStart, Column]);
  });
});
