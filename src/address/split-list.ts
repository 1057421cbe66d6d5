/** One top-level entry of an address-list header, as raw text. */
export interface RawEntry {
  readonly text: string;
  /** True when the entry ended inside a quote, comment or angle bracket. */
  readonly unbalanced: boolean;
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const LT = 60;
const GT = 62;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const SEMICOLON = 59;
const COLON = 58;

/**
 * Splits an address-list header into entries at the commas (and Outlook's semicolons)
 * that stand outside quoted strings, comments, angle brackets and domain literals.
 * Group syntax (`Team: a@x, b@y;`) contributes its members; the group name is dropped.
 *
 * We split ourselves because `email-addresses` rejects a whole header for one bad entry
 * or one trailing comma, and real mail has both. One linear pass, no regular expression.
 */
export function splitAddressList(header: string): RawEntry[] {
  const entries: RawEntry[] = [];
  let start = 0;
  let inQuote = false;
  let commentDepth = 0;
  let inAngle = false;
  let inBracket = false;
  let inGroup = false;

  const push = (end: number): void => {
    const text = header.slice(start, end).trim();
    if (text !== '') entries.push({ text, unbalanced: false });
    start = end + 1;
  };

  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    if (inQuote) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inQuote = false;
      continue;
    }
    if (commentDepth > 0) {
      if (c === BACKSLASH) i++;
      else if (c === OPEN_PAREN) commentDepth++;
      else if (c === CLOSE_PAREN) commentDepth--;
      continue;
    }
    if (inBracket) {
      if (c === BACKSLASH) i++;
      else if (c === CLOSE_BRACKET) inBracket = false;
      continue;
    }
    switch (c) {
      case QUOTE:
        inQuote = true;
        break;
      case OPEN_PAREN:
        commentDepth = 1;
        break;
      case OPEN_BRACKET:
        inBracket = true;
        break;
      case LT:
        inAngle = true;
        break;
      case GT:
        inAngle = false;
        break;
      case COLON:
        // Inside angle brackets a colon ends an obsolete route (`<@relay:user@x>`).
        if (!inAngle && !inGroup) {
          inGroup = true;
          start = i + 1;
        }
        break;
      case COMMA:
        if (!inAngle) push(i);
        break;
      case SEMICOLON:
        if (!inAngle) {
          push(i);
          inGroup = false;
        }
        break;
    }
  }

  const rest = header.slice(start).trim();
  if (rest !== '') {
    entries.push({ text: rest, unbalanced: inQuote || commentDepth > 0 || inAngle || inBracket });
  }
  return entries;
}
