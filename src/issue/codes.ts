/**
 * Every code the library can return, with the data each carries besides the common
 * fields. This one table is the source of `IssueCode` and of every issue type: a new
 * code is added here, and an exhaustive `switch (issue.code)` in a user's code stops
 * compiling until it handles it.
 */
export interface IssueData {
  // Addresses (A1–A3, D3)
  'invalid-address': object;
  'control-character': object;
  'not-a-string': object;
  'too-many-addresses': object;
  'expected-one-address': object;
  'too-long': object;
  'too-deep': object;
  'too-complex': object;
  'unsafe-character': object;
  // Policy (A4, A5, D1–D5)
  denylisted: object;
  'support-address': object;
  'not-permitted': object;
  'cc-limit-exceeded': { readonly limit: number; readonly count: number };
  'bcc-disabled': object;
  'followers-disabled': object;
  'ccs-disabled': object;
  'not-an-agent': object;
  'role-conflict': object;
  'one-requester': object;
  // Actors (D7)
  'unknown-actor': object;
  'actor-mismatch': object;
  // Commands
  'invalid-command': object;
  'unknown-notice': object;
  'notice-already-resolved': object;
  'resolution-not-offered': object;
  // Inbound mail (F0, F1, A5)
  'duplicate-message': object;
  'mail-loop': object;
  'support-sender': object;
  'machine-mail': { readonly kind: 'automatic' | 'list' | 'bounce' };
  'merged-ticket': { readonly mergedInto: string };
  'reply-to-differs': object;
  'invalid-header': object;
  'headers-too-large': object;
  'invalid-parsed-mail': object;
  'missing-message-id': object;
  'invalid-option': object;
  // Shapes of JSON read from storage or callers (D6)
  'not-an-object': object;
  'unknown-field': object;
  'missing-field': object;
  'wrong-type': object;
  'invalid-value': object;
  'out-of-range': object;
  'invalid-pattern': object;
  // The directory's people with several addresses (H5)
  /** An address two people of the directory list: it stays with the first. */
  'address-shared': object;
  /** A person's `preferred` address is not one of their addresses. */
  'preferred-not-listed': object;
  // Tickets read from storage
  'not-a-ticket': object;
  'stale-identity': object;
  'two-roles': object;
  'forbidden-participant': object;
  // Event logs (E3, E4)
  'not-an-event': object;
  'unsupported-version': object;
  'unknown-event': object;
  'sequence-gap': { readonly expected: number };
  'sequence-repeat': { readonly expected: number };
  'sequence-disorder': { readonly expected: number };
  'other-ticket': { readonly ticketId: string };
  'not-a-log': object;
  // Composer (C3)
  'cc-limit-reached': object;
  /** The requester (To) typed or picked into Cc or Bcc: the reply goes To them already. */
  'is-requester': object;
  /** The To field is empty: a reply needs a requester. */
  'no-requester': object;
  /** A field still holds text that is not an address chip. */
  'unfinished-address': object;
}

export type IssueCode = keyof IssueData;
