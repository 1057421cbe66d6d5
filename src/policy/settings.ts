/** What happens when an inbound reply leaves out some of the ticket's participants. */
export type OnDroppedRecipients = 'notify' | 'apply' | 'keep';
/** Visibility of a CC's reply that does not reach the requester. */
export type CcReplyWithoutRequester = 'public' | 'private' | 'public-if-only-support';
/** What a reply from someone not on the ticket becomes. */
export type ThirdPartyReply = 'internal' | 'add-as-cc';

/** How machine mail (F11) is kept: it never changes recipients either way. */
export type MachineMail = 'internal' | 'public';
/** What a message whose sender failed authentication may do (F13). */
export type UnauthenticatedMail = 'note' | 'trust';
/** Who is the requester of a ticket an agent's email opens (F14). */
export type AgentOpensTicketFor = 'customer' | 'sender';
/** What a merged ticket's requester becomes on the target (H4). */
export type MergeRequesterAs = 'cc' | 'none';

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
  /** Customers' local parts compared case-sensitively (A3); the desk's own patterns and the denylist never are. */
  readonly caseSensitiveLocalPart: boolean;
  /** When an agent sets a new requester, the old one stays as a CC (C1). */
  readonly formerRequesterBecomesCc: boolean;
  /** Agents who are CCs receive internal notes (B4). */
  readonly internalNotesToStaffCcs: boolean;
  readonly machineMail: MachineMail;
  /** Machine mail may open a ticket (sender as requester, no CCs); otherwise it is reported and opens nothing. */
  readonly machineMailOpensTickets: boolean;
  readonly unauthenticatedMail: UnauthenticatedMail;
  readonly agentOpensTicketFor: AgentOpensTicketFor;
  readonly mergeRequesterAs: MergeRequesterAs;
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
  formerRequesterBecomesCc: false,
  internalNotesToStaffCcs: true,
  machineMail: 'internal',
  machineMailOpensTickets: false,
  unauthenticatedMail: 'note',
  agentOpensTicketFor: 'customer',
  mergeRequesterAs: 'cc',
});
