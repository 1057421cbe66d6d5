import type { AddressIssue, Mailbox } from '../address/types.js';
import type { Suggestion } from '../ticket/suggest.js';

export type ComposerField = 'to' | 'cc' | 'bcc';

/** One recipient field of the reply composer. */
export interface FieldState {
  /** Cc and Bcc are hidden until asked for (C3); To is always shown. */
  readonly visible: boolean;
  /**
   * Whether the help desk's settings allow the field at all (C3): Bcc is not available
   * when `bccEnabled` is off (the Zendesk and servicecamp presets). Offer no link to an
   * unavailable field; `show`, typing and pasting into it change nothing.
   */
  readonly available: boolean;
  /** Addresses accepted as chips. */
  readonly chips: readonly Mailbox[];
  /** What the agent is typing, not yet a chip. */
  readonly text: string;
  /** Why the last attempt to make `text` a chip failed. */
  readonly error: ComposerIssue | null;
}

/**
 * A problem shown next to a field, live as the agent types or when a chip is refused.
 * The policy codes and messages are the ones `handle` gives for the same edit.
 */
export interface ComposerIssue {
  readonly code:
    | AddressIssue['code']
    | 'denylisted'
    | 'support-address'
    | 'cc-limit-reached'
    | 'cc-limit-exceeded'
    | 'bcc-disabled'
    | 'one-requester'
    | 'is-requester'
    | 'no-requester'
    | 'unfinished-address';
  readonly field: ComposerField;
  readonly message: string;
  readonly input: string;
}

/** The composer's recipient fields as plain JSON (C3): render it however you like. */
export interface ComposerState {
  readonly fields: { readonly to: FieldState; readonly cc: FieldState; readonly bcc: FieldState };
  /** Suggestions for the field being typed in, or clicked into (remembered addresses when it is empty). */
  readonly suggestions: readonly Suggestion[];
  readonly suggestionsFor: ComposerField | null;
  /** Live feedback: the CC limit, and whether what is typed is denylisted, a support address or the requester. */
  readonly feedback: readonly ComposerIssue[];
}

/** What the agent does in the composer. */
export type ComposerAction =
  | { readonly type: 'show'; readonly field: 'cc' | 'bcc' }
  /** Removing a field hides it, drops its chips, and offers the link again. */
  | { readonly type: 'hide'; readonly field: 'cc' | 'bcc' }
  /** Clicking into a field: an empty one offers the ticket's remembered addresses. */
  | { readonly type: 'focus'; readonly field: ComposerField }
  /**
   * Typing: `text` is the field's whole new value. Every address followed by a separator
   * (comma, semicolon, new line, or a space after a complete address) is made a chip; the
   * rest stays as text.
   */
  | { readonly type: 'input'; readonly field: ComposerField; readonly text: string }
  /** A key that finishes what is typed: every entry in the text is made a chip or stays with its error. */
  | { readonly type: 'key'; readonly field: ComposerField; readonly key: 'Enter' | 'Tab' | ' ' | ',' | ';' }
  /**
   * Pasting: `text` goes after what was already typed, and the whole is finished as by
   * Enter. A list separated by commas, semicolons, new lines or spaces becomes chips;
   * what does not validate stays as text with its error.
   */
  | { readonly type: 'paste'; readonly field: ComposerField; readonly text: string }
  | { readonly type: 'remove'; readonly field: ComposerField; readonly key: string }
  /** A suggestion picked from the list: it replaces what was typed. */
  | { readonly type: 'pick'; readonly field: ComposerField; readonly address: string };
