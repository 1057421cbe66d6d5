import emailAddresses from 'email-addresses';
import { decodeEncodedWords } from './encoded-words.js';
import { ATOM, DOT_ATOM } from './grammar.js';
import { identityOf, quoteLocalPart } from './normalize.js';
import type { AddressIssue, IdentityOptions, Mailbox } from './types.js';
import { err, ok, type Result } from '../result.js';

/**
 * The longest entry (one mailbox with its name and comments) we parse: RFC 5322's line limit.
 * Longer entries are reported as `too-long` and never reach `email-addresses`, whose cost grows faster than the text.
 */
export const MAX_ENTRY_LENGTH = 998;
/**
 * How many characters of one header may go through the full RFC 5322 grammar (`email-addresses`,
 * 5–30 ms per KiB on hostile text): 16 KiB, a few hundred commented or obsolete-syntax entries.
 * Entries past it are reported as `too-complex`; the common forms never count against it.
 */
export const MAX_SLOW_PARSE_LENGTH = 16_384;

// Header injection: after unfolding, no CR, LF, other control character or Unicode line separator may remain.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/;
const CONTROL_RUN = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]+/g;
// Invisible in an address: soft hyphen, zero-width characters, bidi controls, word joiners, BOM.
const INVISIBLE = /[\xad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/;

/** Lone surrogates replaced by U+FFFD (where the runtime can: Node 20 and every current browser). */
export const wellFormed = (text: string): string => (text as unknown as { toWellFormed?: () => string }).toWellFormed?.() ?? text;

// The forms almost all real mail uses, recognised without the full RFC 5322 grammar:
// `addr`, `<addr>`, `Some Name <addr>`, `"Quoted, Name" <addr>`, all ASCII and dot-atom.
// Anything else goes to email-addresses, so the verdict is always its verdict.
// RFC 6532: UTF-8 beyond ASCII is atext too (email-addresses runs with rfc6532 on).
const ADDR = `(${DOT_ATOM}@${DOT_ATOM})`;
const BARE = /* @__PURE__ */ new RegExp(`^${ADDR}$`);
const NAMED = /* @__PURE__ */ new RegExp(
  `^(?:(${ATOM}(?:[ \\t]+${ATOM})*)|"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\t\\u0080-\\uffff]*)")?[ \\t]*<[ \\t]*${ADDR}[ \\t]*>$`,
);
const WHITESPACE_RUN = /[ \t]+/g;
// What collapsing white space would change: a tab or two blanks side by side (most names have neither).
const SPACING = /\t| {2}/;
const collapse = (text: string): string => (SPACING.test(text) ? text.replace(WHITESPACE_RUN, ' ') : text);
// The characters a quoted pair in a domain literal keeps escaped (not dtext, RFC 5322 §3.4.1).
const LITERAL_ESCAPE = /^[[\]\\ \t]$/;
// Two words side by side with only blanks or flat comments between, before any quote or domain
// literal: no addr-spec has that, and it is what email-addresses is slowest to refuse.
const SPACED_WORDS = /^[^<"(\[]*?[^\s.@<>()",:;[\]\\](?:[ \t]|\([^()\\]*\))+[^\s.@<>()",:;[\]\\]/;

interface Parsed {
  readonly address: string;
  readonly name: string | null;
}

function fastPath(entry: string): Parsed | null {
  const bare = BARE.exec(entry);
  if (bare !== null) return { address: bare[1] as string, name: null };
  const named = NAMED.exec(entry);
  if (named === null) return null;
  const raw = named[1] ?? named[2];
  const name = raw === undefined ? null : collapse(raw).trim();
  return { address: named[3] as string, name };
}

/**
 * What a local part or domain means (RFC 5322 §3.2.2, §3.4.1): comments and white space
 * around words are not part of it, a quoted string stands for its content. So
 * `bob . smith`, `bob.(c)smith` and `"bob".smith` all mean `bob.smith`, and `< no-reply@x>` means `no-reply@x`.
 */
export function meaning(raw: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  let literal = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\') {
      // A quoted pair, in a quoted string, a comment or (obsolete) a domain literal. In a
      // domain literal a character that is not dtext stays escaped: `[1.2.3.4\], x]` unescaped
      // would be written back as `[1.2.3.4]` followed by another entry.
      i++;
      const pair = raw[i] ?? '';
      if (literal && LITERAL_ESCAPE.test(pair)) out += `\\${pair}`;
      else if (depth === 0) out += pair;
    } else if (literal) {
      // Inside a domain literal, quotes and parentheses are dtext; blanks are folding white space.
      if (c === ']') literal = false;
      if (c !== ' ' && c !== '\t') out += c;
    } else if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else out += c;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth = 1;
    else if (c !== ' ' && c !== '\t') {
      if (c === '[') literal = true;
      out += c;
    }
  }
  return out;
}

function slowPath(entry: string): Parsed[] | null {
  let parsed;
  try {
    parsed = emailAddresses.parseOneAddress({ input: entry, rfc6532: true, atInDisplayName: true });
  } catch {
    return null; // the caps keep its recursion shallow; this is the last guard
  }
  // A group inside one entry means a colon the splitter did not take as a group name.
  if (parsed === null || parsed.type === 'group') return null;
  const local = meaning(parsed.parts.local.tokens);
  const domain = meaning(parsed.parts.domain.tokens);
  return [{ address: `${quoteLocalPart(local)}@${domain}`, name: parsed.name }];
}

/**
 * A copy of a short string that does not keep the text it was cut from alive: V8 makes
 * slices point into their source, so a name cut from a 90 KB header would hold on to all
 * of it. Concatenating then slicing flattens into a new string the size of this one.
 */
const own = (text: string): string => (text.length > 0 ? ` ${text}`.slice(1) : text);

/** A display name as stored: encoded words decoded, control characters and line separators dropped, lone surrogates replaced, runs of white space collapsed. */
export function cleanName(name: string | null): string | null {
  if (name === null) return null;
  // A decoded encoded word may carry CR/LF: names never reach a header with them.
  let text = wellFormed(decodeEncodedWords(name));
  if (CONTROL.test(text)) text = text.replace(CONTROL_RUN, ' ');
  const decoded = collapse(text).trim();
  return decoded === '' ? null : decoded;
}

function toMailbox(parsed: Parsed, options: IdentityOptions): Mailbox {
  return { address: parsed.address, name: cleanName(parsed.name), key: identityOf(parsed.address, options) };
}

const issue = (code: AddressIssue['code'], entry: string, why: string): Result<never, AddressIssue> =>
  err({ code, message: `${printable(entry)} ${why}`, input: entry, path: [] } as AddressIssue);

/**
 * Parses one entry of an address list (no top-level commas, comments no deeper than
 * `MAX_NESTING`: the splitter sees to both). Returns the issue when the entry is not a valid
 * RFC 5322 mailbox, or is one we refuse (too long, unsafe characters). `budget` is shared by the
 * entries of one header: what is left of `MAX_SLOW_PARSE_LENGTH`.
 */
export function parseEntry(entry: string, options: IdentityOptions = {}, budget = { left: MAX_SLOW_PARSE_LENGTH }): Result<Mailbox[], AddressIssue> {
  if (entry.length > MAX_ENTRY_LENGTH) return issue('too-long', entry, 'is too long.');
  if (CONTROL.test(entry)) return issue('control-character', entry, 'has a control character or line break.');
  let parsed: Parsed[] | null = null;
  // Everything kept below is cut from this copy, never from the header it came from.
  entry = own(entry);
  const fast = fastPath(entry);
  if (fast !== null) parsed = [fast];
  else if (entry.includes('<') || !SPACED_WORDS.test(entry)) {
    if ((budget.left -= entry.length) < 0) return issue('too-complex', entry, 'is too complex.');
    parsed = slowPath(entry);
  }
  if (parsed === null) return issue('invalid-address', entry, 'is not a valid address.');
  if (parsed.some((p) => INVISIBLE.test(p.address) || wellFormed(p.address) !== p.address)) return issue('unsafe-character', entry, 'has an invisible character in its address.');
  return ok(parsed.map((p) => toMailbox(p, options)));
}

/** The text of an input made safe to quote in an error message: control characters shown escaped, long text cut. */
export function printable(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
