/** What happens when an inbound reply leaves out some of the ticket's participants. */
export type OnDroppedRecipients = 'notify' | 'apply' | 'keep';
/** Visibility of a CC's reply that does not reach the requester. */
export type CcReplyWithoutRequester = 'public' | 'private' | 'public-if-only-support';
/** What a reply from someone not on the ticket becomes. */
export type ThirdPartyReply = 'internal' | 'add-as-cc';

/** The help desk's policy (SPEC section D). Plain JSON; every field has a default. */
export interface Settings {
  /** Most CCs a ticket may hold; `null` for no limit. */
  readonly ccLimit: number | null;
  /** Entries that may never become CC, BCC or follower (see `compilePattern`). */
  readonly denylist: readonly string[];
  /** The help desk's own addresses, domains and wildcard forms (A5). */
  readonly supportAddresses: readonly string[];
  readonly emailCcsEnabled: boolean;
  /** Whether tickets hold BCCs at all (Zendesk and servicecamp offer none). */
  readonly bccEnabled: boolean;
  readonly followersEnabled: boolean;
  readonly lightAgentsMayFollow: boolean;
  readonly agentCcBecomesFollower: boolean;
  readonly onDroppedRecipients: OnDroppedRecipients;
  readonly ccReplyWithoutRequester: CcReplyWithoutRequester;
  readonly thirdPartyReply: ThirdPartyReply;
  readonly agentEmailRepliesPublic: boolean;
  readonly caseSensitiveLocalPart: boolean;
}

/** The defaults: Omnidesk's documented behaviour (P1). */
export const defaultSettings: Settings = /* @__PURE__ */ Object.freeze({
  ccLimit: 48,
  denylist: /* @__PURE__ */ Object.freeze([]) as readonly string[],
  supportAddresses: /* @__PURE__ */ Object.freeze([]) as readonly string[],
  emailCcsEnabled: true,
  bccEnabled: true,
  followersEnabled: true,
  lightAgentsMayFollow: true,
  agentCcBecomesFollower: false,
  onDroppedRecipients: 'notify',
  ccReplyWithoutRequester: 'public',
  thirdPartyReply: 'internal',
  agentEmailRepliesPublic: true,
  caseSensitiveLocalPart: false,
});
