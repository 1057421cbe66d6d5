import type { Mailbox } from '../address/types.js';
import type { TicketEvent } from '../ticket/events.js';
import type { Policy } from '../policy/policy.js';
import { isDenylisted, isSupportAddress } from '../policy/policy.js';
import { isStaff, type Directory } from './directory.js';
import { fieldLabel, type RecipientIssue } from './issues.js';
import type { Actor, Cause, RecipientField, Ticket } from './types.js';

/** Builds the issues about one address in one field. */
const issueAbout =
  (mailbox: Mailbox, field: RecipientField) =>
  (code: RecipientIssue['code'], message: string): RecipientIssue => ({ code, message, input: mailbox.address, field });

/** Who is asking, why, and under which policy: the context of every recipient change. */
export interface ChangeContext {
  readonly policy: Policy;
  readonly directory: Directory;
  readonly by: Actor;
  readonly cause: Cause;
  readonly at: string;
}

/**
 * A working copy of a ticket's recipients that validates each change (D1–D5, A4, A5),
 * applies it, and records the event (E1). Every path that changes recipients (agent
 * edits, inbound mail, rules, notice resolutions) goes through here, so the policy
 * is enforced in one place.
 */
export class RecipientSet {
  requester: Mailbox | null;
  readonly ccs: Mailbox[];
  readonly bccs: Mailbox[];
  readonly followers: Mailbox[];
  readonly events: TicketEvent[] = [];

  constructor(ticket: Pick<Ticket, 'requester' | 'ccs' | 'bccs' | 'followers'>) {
    this.requester = ticket.requester;
    this.ccs = [...ticket.ccs];
    this.bccs = [...ticket.bccs];
    this.followers = [...ticket.followers];
  }

  // Look-up indexes, built on first use and dropped on every change: rules ask many questions between changes.
  private roleIndex: Map<string, 'requester' | 'cc' | 'bcc'> | null = null;
  private followerIndex: Set<string> | null = null;
  private ccDomainIndex: Set<string> | null = null;

  list(field: RecipientField): Mailbox[] {
    return field === 'cc' ? this.ccs : field === 'bcc' ? this.bccs : this.followers;
  }

  private roles(): Map<string, 'requester' | 'cc' | 'bcc'> {
    if (this.roleIndex === null) {
      const index = new Map<string, 'requester' | 'cc' | 'bcc'>();
      for (const m of this.bccs) index.set(m.key, 'bcc');
      for (const m of this.ccs) index.set(m.key, 'cc');
      if (this.requester !== null) index.set(this.requester.key, 'requester');
      this.roleIndex = index;
    }
    return this.roleIndex;
  }

  has(field: RecipientField, mailbox: Pick<Mailbox, 'key'>): boolean {
    if (field === 'follower') {
      this.followerIndex ??= new Set(this.followers.map((m) => m.key));
      return this.followerIndex.has(mailbox.key);
    }
    return this.list(field).length > 0 && this.roles().get(mailbox.key) === field;
  }

  /** The email role an address holds (A4), if any. */
  roleOf(mailbox: Pick<Mailbox, 'key'>): 'requester' | 'cc' | 'bcc' | null {
    return this.roles().get(mailbox.key) ?? null;
  }

  /** The domains (ASCII, lower case) of the current CCs. */
  ccDomains(): ReadonlySet<string> {
    this.ccDomainIndex ??= new Set(this.ccs.map((m) => m.key.slice(m.key.lastIndexOf('@') + 1)));
    return this.ccDomainIndex;
  }

  private record(event: TicketEvent): void {
    const field = event.type === 'added' || event.type === 'removed' ? event.field : null;
    if (field === 'follower') this.followerIndex = null;
    else this.roleIndex = null;
    if (field === 'cc' || event.type === 'requester-changed') this.ccDomainIndex = null;
    this.events.push(event);
  }

  private base(ctx: ChangeContext) {
    return { v: 1 as const, at: ctx.at, by: ctx.by, cause: ctx.cause };
  }

  private drop(field: RecipientField, mailbox: Mailbox, ctx: ChangeContext): void {
    const list = this.list(field);
    const index = list.findIndex((m) => m.key === mailbox.key);
    if (index < 0) return;
    const [removed] = list.splice(index, 1);
    this.record({ ...this.base(ctx), type: 'removed', field, mailbox: removed as Mailbox });
  }

  private permission(ctx: ChangeContext, op: 'add' | 'remove' | 'set-requester', field: RecipientField | 'requester', target: Mailbox): RecipientIssue | null {
    const { by, cause, policy, directory } = ctx;
    const refuse = (message: string): RecipientIssue => ({ code: 'not-permitted', message, input: target.address, field });
    switch (by.kind) {
      case 'agent':
      case 'admin':
      case 'rule':
      case 'system':
        return null;
      case 'light-agent': {
        if (field === 'follower' || (op === 'set-requester' && cause === 'inbound-email')) return null;
        if (op !== 'remove') return refuse(`A light agent may not ${op === 'add' ? `add ${fieldLabel(field)}s` : 'change the requester'}.`);
        const self = directory.byId(by.id);
        if (self !== undefined && directory.byKey(target.key) === self) return refuse('A light agent may not remove themselves as CC.');
        return null;
      }
      case 'end-user':
        if (cause !== 'inbound-email') return refuse('End users change recipients only by email.');
        if (op === 'set-requester') return null; // the sender of an email that opens a ticket (F0)
        if (field !== 'cc') return refuse(`End users may not change ${fieldLabel(field)}s.`);
        if (!policy.settings.emailCcsEnabled) return { code: 'ccs-disabled', message: 'CCs by email are turned off.', input: target.address, field };
        return null;
      default: {
        const unknown: never = by;
        return { code: 'invalid-command', message: 'Unknown kind of actor.', input: unknown, field };
      }
    }
  }

  /** Sets the requester (C1). A denylisted address may be a requester; a support address never. */
  setRequester(mailbox: Mailbox, ctx: ChangeContext): RecipientIssue | null {
    if (isSupportAddress(ctx.policy, mailbox.key)) {
      return { code: 'support-address', message: `${mailbox.address} is one of the help desk's own addresses.`, input: mailbox.address, field: 'requester' };
    }
    const denied = this.permission(ctx, 'set-requester', 'requester', mailbox);
    if (denied) return denied;
    if (this.requester?.key === mailbox.key) return null;
    // A4: the requester outranks CC and BCC, so the address leaves those roles.
    this.drop('cc', mailbox, ctx);
    this.drop('bcc', mailbox, ctx);
    const from = this.requester;
    this.requester = mailbox;
    this.record({ ...this.base(ctx), type: 'requester-changed', from, to: mailbox });
    return null;
  }

  /** Adds a CC, BCC or follower, or says why not. Adding what is already there is a no-op (D5). */
  add(field: RecipientField, mailbox: Mailbox, ctx: ChangeContext): RecipientIssue | null {
    const { policy, directory } = ctx;
    const { settings } = policy;
    const issue = issueAbout(mailbox, field);
    // D5 first: what is already there stays, whoever asks and whatever the denylist now says (D2).
    const role = field === 'follower' ? null : this.roleOf(mailbox);
    if (role === field || role === 'requester' || (field === 'follower' && this.has('follower', mailbox))) return null;
    if (isSupportAddress(policy, mailbox.key)) return issue('support-address', `${mailbox.address} is one of the help desk's own addresses and is never a participant.`);
    if (isDenylisted(policy, mailbox.key)) return issue('denylisted', `${mailbox.address} is on the denylist and may not be a ${fieldLabel(field)}.`);
    const denied = this.permission(ctx, 'add', field, mailbox);
    if (denied) return denied;

    if (field === 'follower') return this.follow(mailbox, ctx);

    if (field === 'bcc' && !settings.bccEnabled) return issue('bcc-disabled', 'This help desk keeps no BCCs on tickets.');
    if (role === 'cc') return issue('role-conflict', `${mailbox.address} is a CC; remove it there first to make it a BCC.`);
    if (field === 'cc') {
      const limit = settings.ccLimit;
      if (limit !== null && this.ccs.length >= limit) {
        return issue('cc-limit-exceeded', `${mailbox.address} was not added: the ticket already has ${this.ccs.length} of at most ${limit} CCs.`);
      }
      // A4: CC outranks BCC, so a BCC named as CC moves up.
      if (role === 'bcc') this.drop('bcc', mailbox, ctx);
    }
    this.list(field).push(mailbox);
    this.record({ ...this.base(ctx), type: 'added', field, mailbox });
    if (field === 'cc' && settings.agentCcBecomesFollower && isStaff(directory.byKey(mailbox.key))) {
      // The agent asked for nothing about following, so a refusal here is not theirs to see.
      this.follow(mailbox, ctx);
    }
    return null;
  }

  /** Makes an agent a follower: the checks that hold whoever asks (D2 done by the caller, D4). */
  private follow(mailbox: Mailbox, ctx: ChangeContext): RecipientIssue | null {
    const { settings } = ctx.policy;
    const issue = issueAbout(mailbox, 'follower');
    if (!settings.followersEnabled) return issue('followers-disabled', 'Followers are turned off.');
    const entry = ctx.directory.byKey(mailbox.key);
    if (!isStaff(entry)) return issue('not-an-agent', `${mailbox.address} is not an agent; only agents may follow tickets.`);
    if (entry.kind === 'light-agent' && !settings.lightAgentsMayFollow) return issue('not-permitted', 'Light agents may not be followers.');
    if (this.has('follower', mailbox)) return null;
    this.followers.push(mailbox);
    this.record({ ...this.base(ctx), type: 'added', field: 'follower', mailbox });
    return null;
  }

  /** Removes a CC, BCC or follower. Removing who is not there is a no-op. */
  remove(field: RecipientField, mailbox: Mailbox, ctx: ChangeContext): RecipientIssue | null {
    if (!this.has(field, mailbox)) return null;
    const denied = this.permission(ctx, 'remove', field, mailbox);
    if (denied) return denied;
    this.drop(field, mailbox, ctx);
    return null;
  }
}
