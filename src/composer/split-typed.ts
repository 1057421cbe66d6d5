/** What was typed or pasted into a recipient field, cut into address entries. */
export interface TypedEntries {
  /** Entries that are over: followed by a separator, or all of them when the input is final. */
  readonly finished: readonly string[];
  /** What is still being typed after the last finished entry (empty when final). */
  readonly rest: string;
}

// A lone token that looks like an address: `bob@acme.example`, or a broken one such as
// `bob@@x`, which is still an entry of its own so that its error is about it alone.
const BARE = /^[^\s"<>(),;]+@[^\s"<>(),;]*$/;
// Outlook writes names `Last, First`, unquoted, and separates people with semicolons:
// `Roe, Bob <bob@x>; Lee, Cleo <cleo@x>`. A bare name, a comma, then a `First <address>` entry is one person.
const NAME_ONLY = /^[^@<>"()[\],;:\\]+$/;
const NAMED_ENTRY = /^([^@<>"()[\],;:\\]+?)[ \t]*(<.*)$/;

/**
 * Cuts composer text into entries (C3). People separate addresses with commas, semicolons,
 * new lines (a column pasted from a spreadsheet), or plain spaces (`ann@x bob@y`), while a
 * display name holds spaces and a quoted one commas (`"Roe, Bob" <bob@x>`). So a comma,
 * semicolon or new line outside quotes, comments and angle brackets always ends an entry,
 * and a space ends one only after something that finishes an address: a closing `>`, or a
 * lone `user@domain` token. A comment right after an address stays with it (`bob@x (Bob)`).
 * In finished text (a paste, Enter), Outlook's unquoted `Roe, Bob <bob@x>` is one entry, named `Roe, Bob`
 * (a name of several words before the comma only in a list separated by semicolons).
 * One pass, each character looked at a bounded number of times.
 */
export function splitTyped(text: string, final: boolean): TypedEntries {
  const finished: string[] = [];
  // The character that ended each finished entry.
  const ends: string[] = [];
  let entryStart = 0;
  let tokenStart = -1;
  let tokens = 0;
  let commentMayFollow = false;
  let inQuote = false;
  let commentDepth = 0;
  let inAngle = false;
  let inBracket = false;
  // Whether a semicolon separated two entries: the sign of Outlook's copy (see below).
  let outlook = false;

  const end = (at: number): void => {
    const entry = text.slice(entryStart, at).trim();
    if (text[at] === ';') outlook = true;
    if (entry !== '') {
      finished.push(entry);
      ends.push(text[at] ?? '');
      // A second separator (`Roe,;`, `Roe,` at the end of a line) parts the name from what follows.
    } else if (ends.length > 0) ends[ends.length - 1] = '';
    entryStart = at + 1;
    tokenStart = -1;
    tokens = 0;
    commentMayFollow = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    // Addresses never span lines in a form: a new line ends the entry, even an unbalanced one.
    if (c === '\n' || c === '\r') {
      inQuote = inAngle = inBracket = false;
      commentDepth = 0;
      end(i);
      continue;
    }
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
      continue;
    }
    if (commentDepth > 0) {
      if (c === '\\') i++;
      else if (c === '(') commentDepth++;
      else if (c === ')') commentDepth--;
      continue;
    }
    if (inBracket) {
      if (c === '\\') i++;
      else if (c === ']') inBracket = false;
      continue;
    }
    if ((c === ',' || c === ';') && !inAngle) {
      end(i);
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (tokenStart < 0 || inAngle) continue;
      const token = text.slice(tokenStart, i);
      tokenStart = -1;
      const complete = token.endsWith('>') || (tokens === 1 && BARE.test(token)) || (commentMayFollow && token.startsWith('(') && token.endsWith(')'));
      if (!complete) continue;
      let next = i + 1;
      while (next < text.length && (text[next] === ' ' || text[next] === '\t')) next++;
      if (text[next] === '(' && !commentMayFollow) commentMayFollow = true;
      else end(i);
      continue;
    }
    if (tokenStart < 0) {
      tokenStart = i;
      tokens++;
    }
    if (c === '"') inQuote = true;
    else if (c === '(') commentDepth = 1;
    else if (c === '[') inBracket = true;
    else if (c === '<') inAngle = true;
    else if (c === '>') inAngle = false;
  }

  if (final) {
    end(text.length);
    // Only finished text is joined: while typing, `Roe,` cannot yet tell a name from an entry.
    // From the last entry back, onto a new list (no splicing: a paste of many people stays linear).
    // A name of several words (`Bob Roe, Cleo Lee <cleo@x>`) is joined only in a list separated by
    // semicolons, the sign of Outlook's copy; in a comma list it is more likely a person left without an address.
    const joined: string[] = [];
    for (let i = finished.length - 1; i >= 0; i--) {
      const entry = finished[i] as string;
      const after = joined[joined.length - 1];
      const next = after !== undefined && ends[i] === ',' && NAME_ONLY.test(entry) && (outlook || !/[ \t]/.test(entry)) && NAMED_ENTRY.exec(after);
      if (next) joined[joined.length - 1] = `"${entry}, ${next[1]}" ${next[2]}`;
      else joined.push(entry);
    }
    return { finished: joined.reverse(), rest: '' };
  }
  return { finished, rest: text.slice(entryStart).trimStart() };
}
