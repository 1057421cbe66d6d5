import type { AuthorRole, Visibility } from '../ticket/types.js';

/** The kinds of update rules look at (G1). */
export const UPDATE_KINDS = ['new-ticket', 'inbound-reply', 'agent-reply', 'recipient-change'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

/** A condition on the ticket or the update (G1). Domains match whole labels; subdomains only when asked. */
export type Condition =
  | { readonly type: 'cc-contains'; readonly address: string }
  | { readonly type: 'cc-in-domain'; readonly domain: string; readonly subdomains?: boolean }
  | { readonly type: 'has-cc' }
  | { readonly type: 'bcc-contains'; readonly address: string }
  | { readonly type: 'bcc-in-domain'; readonly domain: string; readonly subdomains?: boolean }
  | { readonly type: 'requester-is'; readonly address: string }
  | { readonly type: 'requester-in-domain'; readonly domain: string; readonly subdomains?: boolean }
  | { readonly type: 'sender-is'; readonly address: string }
  | { readonly type: 'sender-role'; readonly role: AuthorRole }
  | { readonly type: 'update-is'; readonly kind: UpdateKind }
  | { readonly type: 'comment-is'; readonly visibility: Visibility };

/** What a rule does when it fires (G2). */
export type Action =
  | { readonly type: 'add-cc'; readonly address: string }
  | { readonly type: 'add-bcc'; readonly address: string }
  | { readonly type: 'remove-cc'; readonly address: string }
  | { readonly type: 'add-follower'; readonly address: string }
  | { readonly type: 'notify-requester' }
  | { readonly type: 'notify-requester-and-ccs' };

/** A rule as JSON the caller stores (Omnidesk "rule", Zendesk "trigger"). */
export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly active: boolean;
  /** `all`: every condition holds; `any`: at least one does. An absent or empty list holds. */
  readonly conditions: { readonly all?: readonly Condition[]; readonly any?: readonly Condition[] };
  readonly actions: readonly Action[];
}
