import type { Mailbox } from '../address/types.js';
import type { UnstampedEvent } from './events.js';
import { issue } from '../issue/issue.js';
import type { Policy } from '../policy/policy.js';
import { ccLimitIssue, fieldIssue, forbiddenIssue, permissionIssue } from '../policy/admission.js';
import { isStaff, type Directory } from '../policy/directory.js';
import type { RecipientIssue } from './issues.js';
import type { Actor, Cause, RecipientField, Ticket } from './types.js';
import { bySetting, type Reason } from '../explain/reason.js';

const domainOf = (key: string): string => key.slice(key.lastIndexOf('@') + 1);

/** The help desk's policy and people: what every decision reads besides the ticket. */
export interface Env {
  readonly policy: Policy;
  readonly directory: Directory;
}

/** Who is asking, why, and under which policy: the context of every recipient change. */
export interface ChangeContext extends Env {
  readonly by: Actor;
  readonly cause: Cause;
  readonly at: string;
  /** Why these changes are made, stored on each event they produce (absent: the actor says it all). */
  readonly reason?: Reason | undefined;
}

/**
 * The context of a batch of changes, with only what a change reads: a resolved context
 * carries its memo tables too, and spreading all of it for every email costs more than the decision's checks.
 */
export const changeContext = (env: Env, by: Actor, cause: Cause, at: string, reason?: Reason): ChangeContext => ({ policy: env.policy, directory: env.directory, by, cause, at, reason });

/** The same changes for another reason. */
export const withReason = (ctx: ChangeContext, reason: Reason | undefined): ChangeContext => changeContext(ctx, ctx.by, ctx.cause, ctx.at, reason);

// A4 moves an address out of a lower role; a caller's rule that asked for the higher one stays named.
const a4 = (ctx: ChangeContext): ChangeContext => withReason(ctx, ctx.reason?.callerRule === undefined ? { rule: 'A4' } : { rule: 'A4', callerRule: ctx.reason.callerRule });

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
  readonly events: UnstampedEvent[] = [];

  /**
   * `domains` (a prepared context's) keeps the CC domains of a frozen CC list: rules ask for
   * them on every update, and the list of a ticket with many CCs rarely changes between updates.
   */
  constructor(
    ticket: Pick<Ticket, 'requester' | 'ccs' | 'bccs' | 'followers'>,
    private readonly domains?: WeakMap<object, ReadonlyMap<string, number>>,
  ) {
    this.requester = ticket.requester;
    this.baseCcs = ticket.ccs;
    this.ccs = [...ticket.ccs];
    this.bccs = [...ticket.bccs];
    this.followers = [...ticket.followers];
  }

  // Look-up indexes, built on first use and kept up to date by every change after that:
  // rules ask many questions between changes, and a change touches one address.
  private roleIndex: Map<string, 'requester' | 'cc' | 'bcc'> | null = null;
  private followerIndex: Set<string> | null = null;
  private ccDomainIndex: Map<string, number> | null = null;
  // The CC list as given, whose domains a prepared context may remember.
  private readonly baseCcs: readonly Mailbox[];

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

  /** The domains (ASCII, lower case) of the current CCs, each with how many CCs it has. */
  ccDomains(): ReadonlyMap<string, number> {
    if (this.ccDomainIndex === null) {
      // Before any change (every change is an event) `ccs` is still the list given.
      const memo = this.domains !== undefined && this.events.length === 0 && Object.isFrozen(this.baseCcs) ? this.domains : undefined;
      let known = memo?.get(this.baseCcs);
      if (known === undefined) {
        const index = new Map<string, number>();
        let frozen = true;
        for (const m of this.ccs) {
          const d = domainOf(m.key);
          index.set(d, (index.get(d) ?? 0) + 1);
          frozen &&= Object.isFrozen(m);
        }
        // Kept only when nothing in the list can change any more: a frozen list of frozen mailboxes.
        if (frozen) memo?.set(this.baseCcs, index);
        known = index;
      }
      // A copy: later changes update this set's index, never the remembered one.
      this.ccDomainIndex = new Map(known);
    }
    return this.ccDomainIndex;
  }

  private record(event: UnstampedEvent): void {
    if (event.type === 'added' || event.type === 'removed') {
      const { field, mailbox } = event;
      const added = event.type === 'added';
      if (field === 'follower') {
        if (added) this.followerIndex?.add(mailbox.key);
        else this.followerIndex?.delete(mailbox.key);
      } else if (added) this.roleIndex?.set(mailbox.key, field);
      else if (this.roleIndex?.get(mailbox.key) === field) this.roleIndex.delete(mailbox.key);
      const domains = this.ccDomainIndex;
      if (field === 'cc' && domains !== null) {
        const d = domainOf(mailbox.key);
        const count = (domains.get(d) ?? 0) + (added ? 1 : -1);
        if (count > 0) domains.set(d, count);
        else domains.delete(d);
      }
    } else if (event.type === 'requester-changed') {
      // A4: the new requester left CC and BCC before this (recorded as removals); the old one holds no role now.
      if (event.from !== null) this.roleIndex?.delete(event.from.key);
      this.roleIndex?.set(event.to.key, 'requester');
    } else {
      this.roleIndex = null;
      this.followerIndex = null;
      this.ccDomainIndex = null;
    }
    this.events.push(event);
  }

  // Object literals written out, not spread: a spread into a literal is a slow generic copy
  // once events of many shapes have passed through it, and a thousand rules make a thousand of these.
  private change(ctx: ChangeContext, type: 'added' | 'removed', field: RecipientField, mailbox: Mailbox): UnstampedEvent {
    const { at, by, cause, reason } = ctx;
    return reason === undefined ? { at, by, cause, type, field, mailbox } : { at, by, cause, reasons: [reason], type, field, mailbox };
  }

  private drop(field: RecipientField, mailbox: Mailbox, ctx: ChangeContext): void {
    const list = this.list(field);
    const index = list.findIndex((m) => m.key === mailbox.key);
    if (index < 0) return;
    const [removed] = list.splice(index, 1);
    this.record(this.change(ctx, 'removed', field, removed as Mailbox));
  }

  /** Sets the requester (C1). A denylisted address may be a requester; a support address never. */
  setRequester(mailbox: Mailbox, ctx: ChangeContext): RecipientIssue | null {
    const forbidden = forbiddenIssue(ctx.policy, mailbox, 'requester');
    if (forbidden) return forbidden;
    const denied = permissionIssue(ctx.policy, ctx.directory, ctx.by, ctx.cause, 'set-requester', 'requester', mailbox);
    if (denied) return denied;
    if (this.requester?.key === mailbox.key) return null;
    // A4: the requester outranks CC and BCC, so the address leaves those roles.
    this.drop('cc', mailbox, a4(ctx));
    this.drop('bcc', mailbox, a4(ctx));
    const from = this.requester;
    this.requester = mailbox;
    const { at, by, cause, reason } = ctx;
    this.record(reason === undefined ? { at, by, cause, type: 'requester-changed', from, to: mailbox } : { at, by, cause, reasons: [reason], type: 'requester-changed', from, to: mailbox });
    return null;
  }

  /** Adds a CC, BCC or follower, or says why not. Adding what is already there is a no-op (D5). */
  add(field: RecipientField, mailbox: Mailbox, ctx: ChangeContext): RecipientIssue | null {
    const { policy, directory } = ctx;
    // D5 first: what is already there stays, whoever asks and whatever the denylist now says (D2).
    const role = field === 'follower' ? null : this.roleOf(mailbox);
    if (role === field || role === 'requester' || (field === 'follower' && this.has('follower', mailbox))) return null;
    const refused = forbiddenIssue(policy, mailbox, field) ?? permissionIssue(policy, directory, ctx.by, ctx.cause, 'add', field, mailbox);
    if (refused) return refused;
    // A follower goes the same way as a CC or BCC from here: D4 (fieldIssue), then the list and the event.
    const disabled = fieldIssue(policy, directory, mailbox, field);
    if (disabled) return disabled;
    if (role === 'cc') {
      // H5: one role per person, whichever of their addresses is named.
      const held = this.ccs.find((m) => m.key === mailbox.key);
      const who = held === undefined || held.address === mailbox.address ? `${mailbox.address} is a CC` : `${mailbox.address} is an address of ${held.address}, who is a CC`;
      return issue('role-conflict', `${who}; remove it there first to make it a BCC.`, mailbox.address, [], { field });
    }
    if (field === 'cc') {
      const full = ccLimitIssue(policy, this.ccs.length, mailbox);
      if (full) return full;
      // A4: CC outranks BCC, so a BCC named as CC moves up.
      if (role === 'bcc') this.drop('bcc', mailbox, a4(ctx));
    }
    this.list(field).push(mailbox);
    this.record(this.change(ctx, 'added', field, mailbox));
    if (field === 'cc' && policy.settings.agentCcBecomesFollower && isStaff(directory.byKey(mailbox.key))) {
      // The agent asked for nothing about following, so a refusal here is not theirs to see.
      this.follow(mailbox, withReason(ctx, bySetting('A4', policy.settings, 'agentCcBecomesFollower')));
    }
    return null;
  }

  /** Makes an agent a follower: the checks that hold whoever asks (D2 done by the caller, D4). */
  private follow(mailbox: Mailbox, ctx: ChangeContext): RecipientIssue | null {
    const refused = fieldIssue(ctx.policy, ctx.directory, mailbox, 'follower');
    if (refused) return refused;
    if (this.has('follower', mailbox)) return null;
    this.followers.push(mailbox);
    this.record(this.change(ctx, 'added', 'follower', mailbox));
    return null;
  }

  /** Removes a CC, BCC or follower. Removing who is not there is a no-op. */
  remove(field: RecipientField, mailbox: Mailbox, ctx: ChangeContext): RecipientIssue | null {
    if (!this.has(field, mailbox)) return null;
    const denied = permissionIssue(ctx.policy, ctx.directory, ctx.by, ctx.cause, 'remove', field, mailbox);
    if (denied) return denied;
    this.drop(field, mailbox, ctx);
    return null;
  }
}
