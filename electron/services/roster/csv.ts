/**
 * CSV as Excel and WPS write it (RFC 4180): fields separated by a comma (or a tab, or a semicolon —
 * whichever the header line uses), quoted with double quotes where they hold a separator, a quote or a
 * line break, CRLF or LF line ends. Returns rows of cells as written (not trimmed): the roster check
 * reports spaces around an ID number rather than hiding them.
 */

/** The separator of the first line: the one of comma, tab and semicolon found most often outside quotes. */
export function detectSeparator(text: string): ',' | '\t' | ';' {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  const best = (Object.entries(counts) as [',' | '\t' | ';', number][]).sort((a, b) => b[1] - a[1])[0] as [',' | '\t' | ';', number];
  return best[1] > 0 ? best[0] : ',';
}

export function parseCsv(text: string, separator = detectSeparator(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += char;
      i += 1;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === separator) endCell();
    else if (char === '\r') {
      endRow();
      if (text[i + 1] === '\n') i += 1;
    } else if (char === '\n') endRow();
    else cell += char;
    i += 1;
  }
  // the last line, unless the file ended with its line break
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}
