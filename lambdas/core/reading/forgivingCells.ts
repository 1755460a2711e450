const QUOTE = '"';

/**
 * Cuts a record the parser may not read (bad quoting, too long) into cells the way forgiving spreadsheet readers
 * do: a quoted part is read up to its closing quote and any text after it is kept. Only used to find which customer
 * a rejected record belongs to; its values are never synced.
 */
export const forgivingCells = (text: string, delimiter: string): string[] => {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let fieldStart = true;
  const body = text.replace(/\r?\n$|\r$/, '');
  for (let at = 0; at < body.length; at += 1) {
    const char = body[at]!;
    if (quoted) {
      if (char !== QUOTE) cell += char;
      else if (body[at + 1] === QUOTE) {
        cell += QUOTE;
        at += 1;
      } else quoted = false;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      fieldStart = true;
    } else if (char === QUOTE && fieldStart && cell.trim() === '') {
      cell = '';
      quoted = true;
      fieldStart = false;
    } else {
      cell += char;
      if (char.trim() !== '') fieldStart = false;
    }
  }
  cells.push(cell);
  return cells;
};
