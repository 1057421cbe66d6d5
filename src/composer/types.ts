import type { AddressIssue, Mailbox } from '../address/types.js';
import type { Suggestion } from '../ticket/suggest.js';

export type ComposerField = 'to' | 'cc' | 'bcc';

/** One recipient field of the reply composer. */
export interface FieldState {
  /** Cc and Bcc are hidden until asked for (C3); To is always shown. */
  readonly visible: boolean;
  /** Addresses accepted as chips. */
  readonly chips: readonly Mailbox[];
  /** What the agent is typing, not yet a chip. */
  readonly text: string;
  /** Why the last attempt to make `text` a chip failed. */
  readonly error: ComposerIssue | null;
}

/** A problem shown next to a field, live as the agent types or when a chip is refused. */
export interface ComposerIssue {
  readonly code: AddressIssue['code'] | 'denylisted' | 'support-address' | 'cc-limit-reached' | 'cc-limit-exceeded' | 'bcc-disabled' | 'one-requester';
  readonly field: ComposerField;
  readonly message: string;
  readonly input: string;
}

/** The composer's recipient fields as plain JSON (C3): render it however you like. */
export interface ComposerState {
  readonly fields: { readonly to: FieldState; readonly cc: FieldState; readonly bcc: FieldState };
  /** Suggestions for the field being typed in. */
  readonly suggestions: readonly Suggestion[];
  readonly suggestionsFor: ComposerField | null;
  /** Live feedback: the CC limit, and whether what is typed is denylisted or a support address. */
  readonly feedback: readonly ComposerIssue[];
}

/** What the agent does in the composer. */
export type ComposerAction =
  | { readonly type: 'show'; readonly field: 'cc' | 'bcc' }
  /** Removing a field hides it, drops its chips, and offers the link again. */
  | { readonly type: 'hide'; readonly field: 'cc' | 'bcc' }
  /** Typing. A separator at the end (space, comma, semicolon) commits what comes before it. */
  | { readonly type: 'input'; readonly field: ComposerField; readonly text: string }
  | { readonly type: 'key'; readonly field: ComposerField; readonly key: 'Enter' | 'Tab' | ' ' | ',' | ';' }
  /** A pasted list: each valid address becomes a chip; the rest stays as text with its error. */
  | { readonly type: 'paste'; readonly field: ComposerField; readonly text: string }
  | { readonly type: 'remove'; readonly field: ComposerField; readonly key: string }
  /** A suggestion picked from the list. */
  | { readonly type: 'pick'; readonly field: ComposerField; readonly address: string };
