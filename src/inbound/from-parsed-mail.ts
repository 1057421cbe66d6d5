import type { Issue } from '../issue/issue.js';
import { err, ok, type Result } from '../result.js';
import type { Visibility } from '../ticket/types.js';
import { headerValues, readHeaders, withoutComments, type Headers } from './headers.js';

// The fields this module reads, written by hand so that the library depends on no mail parser.

/** The part of a postal-mime `Email` that is read. */
export interface PostalMimeEmailLike {
  readonly headers?: readonly { readonly key: string; readonly value: string }[];
  readonly from?: unknown;
  readonly to?: unknown;
  readonly cc?: unknown;
  readonly replyTo?: unknown;
  readonly messageId?: string;
  readonly deliveredTo?: string;
  readonly returnPath?: string;
}

/** The part of a mailparser `ParsedMail` that is read. */
export interface MailparserParsedMailLike {
  readonly headers?: ReadonlyMap<string, unknown>;
  readonly headerLines?: readonly { readonly key: string; readonly line: string }[];
  readonly from?: unknown;
  readonly to?: unknown;
  readonly cc?: unknown;
  readonly replyTo?: unknown;
  readonly messageId?: string;
}

/** A received email as a mail parser produced it, ready for `handle`: an `InboundEmail`. */
export interface ParsedEmailCommand {
  readonly type: 'receive-email';
  readonly messageId: string;
  readonly at: string;
  /** The parser's address values as they are (a string, address objects, or mailparser's `{ value, text }`). */
  readonly from: unknown;
  readonly to?: unknown;
  readonly cc?: unknown;
  readonly replyTo?: unknown;
  readonly headers: Headers;
  readonly authentication?: 'pass' | 'fail' | 'none';
  readonly failedRecipients?: readonly string[];
  readonly answers?: { readonly commentId: string; readonly visibility: Visibility } | null;
  readonly newTicketId?: string;
}

export interface ParsedEmailOptions {
  /** When it arrived (ISO 8601 by convention). The library has no clock. */
  readonly at: string;
  readonly authentication?: 'pass' | 'fail' | 'none';
  /** Addresses a bounce names as failed (`Final-Recipient`); the caller reads them from the report. */
  readonly failedRecipients?: readonly string[];
  readonly answers?: { readonly commentId: string; readonly visibility: Visibility } | null;
  readonly newTicketId?: string;
  /** Used only when the message has no Message-ID of its own. */
  readonly messageId?: string;
}

/** Why a parsed email could not become a command. */
export type ParsedEmailIssue = Issue<'invalid-parsed-mail' | 'missing-message-id' | 'invalid-option'>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (record: Record<string, unknown>, key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

const AUTHENTICATION = /* @__PURE__ */ new Set(['pass', 'fail', 'none']);

/**
 * F1: the message's own id in one form whichever parser read it: its first non-empty `<…>`, or the
 * bare text in angle brackets, comments and line breaks left out; `<>` is no id (`null`). postal-mime hands over `id@host` as written and mailparser `<id@host>`;
 * mailparser also keeps a comment after the id (`<id@host> (resent)>`), postal-mime keeps it
 * without the bracket. One form is what makes a second delivery a duplicate.
 */
function msgId(id: string | null): string | null {
  if (id === null) return null;
  // Folded lines and comments are no part of the id (RFC 5322 msg-id: [CFWS] "<" id ">" [CFWS]).
  const text = withoutComments(id.replace(/[\r\n]+/g, ' '));
  for (const m of text.matchAll(/<([^<>]*)>/g)) if (m[1]!.trim() !== '') return `<${m[1]!.trim()}>`;
  // No bracketed id (a bare one, or brackets a parser left unbalanced); an empty `<>` is no id at all.
  const bare = text.replace(/[<>]/g, ' ').trim();
  return bare === '' ? null : `<${bare}>`;
}

/** Raw header lines when the parser kept them (mailparser's Map loses `List-*` detail), else its header list or Map. */
function headersOf(parsed: Record<string, unknown>): Headers {
  const lines = own(parsed, 'headerLines');
  const headers = readHeaders(Array.isArray(lines) && lines.length > 0 ? lines : own(parsed, 'headers'));
  // postal-mime also hands over Return-Path and Delivered-To as fields; they fill in only what the headers lack.
  const extra: Record<string, string[]> = {};
  const returnPath = own(parsed, 'returnPath');
  if (headerValues(headers, 'return-path').length === 0 && typeof returnPath === 'string') extra['return-path'] = [`<${returnPath.trim()}>`];
  const deliveredTo = text(own(parsed, 'deliveredTo'));
  if (headerValues(headers, 'delivered-to').length === 0 && deliveredTo !== null) extra['delivered-to'] = [deliveredTo];
  return Object.keys(extra).length === 0 ? headers : { ...headers, ...extra };
}

function readOptions(options: unknown, issues: ParsedEmailIssue[]): Partial<Omit<ParsedEmailCommand, 'type' | 'messageId' | 'headers'>> & { messageId?: string } {
  const bad = (field: string, input: unknown, message: string): void => {
    issues.push({ code: 'invalid-option', message, input, path: ['options', field] });
  };
  if (!isRecord(options)) {
    bad('at', options, 'Options with `at` (when the email arrived) are required.');
    return {};
  }
  const out: { -readonly [K in keyof ParsedEmailCommand]?: ParsedEmailCommand[K] } & { messageId?: string } = {};
  const at = text(own(options, 'at'));
  if (at === null) bad('at', own(options, 'at'), '`at` must be a non-empty string (when the email arrived).');
  else out.at = at;
  const authentication = own(options, 'authentication');
  if (authentication !== undefined) {
    if (typeof authentication === 'string' && AUTHENTICATION.has(authentication)) out.authentication = authentication as 'pass' | 'fail' | 'none';
    else bad('authentication', authentication, '`authentication` must be "pass", "fail" or "none".');
  }
  const failed = own(options, 'failedRecipients');
  if (failed !== undefined) {
    if (Array.isArray(failed) && failed.every((f) => typeof f === 'string')) out.failedRecipients = [...(failed as string[])];
    else bad('failedRecipients', failed, '`failedRecipients` must be an array of address strings.');
  }
  const answers = own(options, 'answers');
  if (answers === null) out.answers = null;
  else if (answers !== undefined) {
    const commentId = isRecord(answers) ? own(answers, 'commentId') : undefined;
    const visibility = isRecord(answers) ? own(answers, 'visibility') : undefined;
    if (typeof commentId === 'string' && (visibility === 'public' || visibility === 'internal')) out.answers = { commentId, visibility };
    else bad('answers', answers, '`answers` must be { commentId, visibility: "public" | "internal" } or null.');
  }
  const newTicketId = own(options, 'newTicketId');
  if (newTicketId !== undefined) {
    // Trimmed like `at` and `messageId`: a blank around the id would make it another ticket's id.
    const id = text(newTicketId);
    if (id !== null) out.newTicketId = id;
    else bad('newTicketId', newTicketId, '`newTicketId` must be a non-empty string.');
  }
  const messageId = own(options, 'messageId');
  if (messageId !== undefined) {
    const id = text(messageId);
    if (id !== null) out.messageId = id;
    else bad('messageId', messageId, '`messageId` must be a non-empty string.');
  }
  return out;
}

/**
 * Turns what postal-mime (`Email`) or mailparser (`ParsedMail`) produced into a `receive-email`
 * command: the address values as the parser gave them, the headers as {@link Headers}, and the
 * caller's verdicts. The Message-ID is the message's own, else `options.messageId`; with neither
 * it is an issue (an id is never invented). Never throws.
 *
 * @example
 * import PostalMime from 'postal-mime';
 * const email = await PostalMime.parse(raw);
 * const command = emailFromParsed(email, { at: '2025-03-03T10:00:00Z', authentication: 'pass' });
 */
export function emailFromParsed(parsed: unknown, options: ParsedEmailOptions): Result<ParsedEmailCommand, ParsedEmailIssue[]> {
  const issues: ParsedEmailIssue[] = [];
  const read = readOptions(options, issues);
  if (!isRecord(parsed)) {
    issues.unshift({ code: 'invalid-parsed-mail', message: 'Expected the object a mail parser returns (postal-mime Email or mailparser ParsedMail).', input: parsed, path: [] });
    return err(issues);
  }
  const headers = headersOf(parsed);
  const ownId = msgId(text(own(parsed, 'messageId')) ?? text(headerValues(headers, 'message-id')[0]));
  const messageId = ownId ?? read.messageId ?? null;
  if (messageId === null) {
    issues.push({ code: 'missing-message-id', message: 'The email has no Message-ID and options.messageId was not given.', input: own(parsed, 'messageId'), path: ['messageId'] });
  }
  if (issues.length > 0 || messageId === null || read.at === undefined) return err(issues);
  const { messageId: _fallback, at, ...verdicts } = read;
  const addresses: Record<string, unknown> = {};
  for (const field of ['to', 'cc', 'replyTo'] as const) {
    const value = own(parsed, field);
    if (value !== undefined && value !== null) addresses[field] = value;
  }
  // A message without From is still a command: the decider keeps it with an unknown-sender notice.
  return ok({ type: 'receive-email', messageId, at, from: own(parsed, 'from') ?? null, ...addresses, headers, ...verdicts });
}
