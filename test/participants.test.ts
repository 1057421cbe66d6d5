import { describe, expect, it } from 'vitest';
import { composerToCommands, createComposer, eraseAddress, fold, handle, planDelivery, readEvents, type Actor, type ComposerAction, type Command, type DeliveryPlan, type Ticket, type TicketEvent } from '../src/index.js';
import { releasedPlans } from '../src/participants/release.js';
import { checksum } from '../src/ticket/checksum.js';
import { assertNoBccLeak, assertNoHeldBackDelivery } from '../src/testing/index.js';
import { addresses, agent, at, contextWith, edit, email, lightAgent, must } from './support/tickets.js';

const comment = (commentId: string, visibility: 'public' | 'internal' = 'public', by: Actor = { kind: 'agent', id: 'otto' }): Command => ({ type: 'write-comment', commentId, visibility, by, at: at() });
const envelopes = (plans: readonly DeliveryPlan[]): string[][] => plans.flatMap((p) => p.messages.map((m) => addresses(m.envelope)));
const received = (plans: readonly DeliveryPlan[]): string[] => envelopes(plans).flat().sort();
const leftOut = (plan: DeliveryPlan | undefined) => (plan?.leftOut ?? []).map((l) => [l.mailbox.address, l.reason]);

/** Ann's ticket: Bob in CC, Mia (admin) in BCC, Kate following. */
function annTicket(context = contextWith()): { ticket: Ticket; log: TicketEvent[] } {
  const first = must(null, { ...email({ from: 'Ann Lee <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as Command, context);
  const second = must(first.ticket, edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }, { op: 'add', field: 'follower', address: 'kate@desk.example' }]), context);
  return { ticket: second.ticket!, log: [...first.events, ...second.events] };
}

describe('E5: refusals are recorded', () => {
  it('E5: CCs an inbound reply brought over the limit are in a recipients-refused event and on the reloaded ticket until they get a role', () => {
    const context = contextWith({ ccLimit: 2 });
    const { ticket, log } = annTicket(context);
    const r = must(ticket, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, cy@acme.example, dee@acme.example' }), context);
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example', 'cy@acme.example']);
    const refusedEvent = r.events.find((e) => e.type === 'recipients-refused');
    expect(refusedEvent?.type === 'recipients-refused' && refusedEvent.refused.map((x) => [x.input, x.field, x.code])).toEqual([['dee@acme.example', 'cc', 'cc-limit-exceeded']]);
    expect(refusedEvent?.cause).toBe('inbound-email');
    const reloaded = fold([...log, ...r.events]);
    expect(reloaded.refused.map((x) => x.mailbox?.address)).toEqual(['dee@acme.example']);
    // The agent makes room and adds Dee: she is no longer "left out".
    const fixed = must(reloaded, edit([{ op: 'remove', field: 'cc', address: 'cy@acme.example' }, { op: 'add', field: 'cc', address: 'dee@acme.example' }]), context);
    expect(fixed.ticket!.refused).toEqual([]);
  });

  it('E5: a refused agent edit records nothing (it changed nothing); a denylisted CC on mail is recorded with its code', () => {
    const context = contextWith({ denylist: ['*.spam.example'] });
    const { ticket } = annTicket(context);
    expect(handle(ticket, edit([{ op: 'add', field: 'cc', address: 'x@a.spam.example' }]), context).ok).toBe(false);
    const r = must(ticket, email({ from: 'bob@acme.example', to: 'support@desk.example', cc: 'ann@acme.example, x@a.spam.example' }), context);
    expect(r.ticket!.refused.map((x) => [x.input, x.code])).toEqual([['x@a.spam.example', 'denylisted']]);
  });
});

describe('H1: deliverability', () => {
  it('H1: an undeliverable participant stays on the ticket, receives nothing, and is listed as left out', () => {
    const { ticket } = annTicket();
    const r = must(ticket, { type: 'report-delivery', address: 'bob@acme.example', status: 'undeliverable', reason: '550 no such user', by: { kind: 'system' }, at: at() });
    expect(r.events.map((e) => e.type === 'delivery-changed' && [e.mailbox.address, e.status, e.reason, e.cause])).toEqual([['bob@acme.example', 'undeliverable', '550 no such user', 'delivery']]);
    const t = r.ticket!;
    expect(addresses(t.ccs)).toEqual(['bob@acme.example']);
    const w = must(t, comment('c-2'));
    expect(received(w.plans)).not.toContain('bob@acme.example');
    expect(w.plans[0]?.messages[0]?.headers.cc).toBe('bob@acme.example');
    expect(leftOut(w.plans[0])).toEqual([['bob@acme.example', 'undeliverable']]);
    assertNoHeldBackDelivery(w.plans[0]!, w.ticket!);
    // Reporting the same status again records nothing.
    expect(must(t, { type: 'report-delivery', address: 'bob@acme.example', status: 'undeliverable', by: { kind: 'system' }, at: at() }).events).toEqual([]);
  });

  it('H1: a bounce naming failed recipients marks them undeliverable and changes nobody; writing in again restores them', () => {
    const { ticket } = annTicket();
    const bounce: Command = { type: 'receive-email', messageId: '<dsn-1@mx.example>', at: at(), from: 'MAILER-DAEMON@mx.acme.example', to: 'support@desk.example', failedRecipients: ['bob@acme.example', 'stranger@else.example'] };
    const b = must(ticket, bounce);
    expect(b.email?.classification.kind).toBe('bounce');
    expect(b.comment?.visibility).toBe('internal');
    expect(b.ticket!.heldBack.map((h) => [h.mailbox.address, h.reason])).toEqual([['bob@acme.example', 'undeliverable']]);
    expect([b.ticket!.requester, ...b.ticket!.ccs].map((m) => m?.address)).toEqual(['ann@acme.example', 'bob@acme.example']);
    const back = must(b.ticket, email({ from: 'bob@acme.example', to: 'support@desk.example', cc: 'ann@acme.example' }));
    expect(back.events.filter((e) => e.type === 'delivery-changed').map((e) => e.type === 'delivery-changed' && [e.status, e.reason])).toEqual([['ok', 'wrote in again']]);
    expect(back.ticket!.heldBack).toEqual([]);
    expect(received(must(back.ticket, comment('c-3')).plans)).toContain('bob@acme.example');
  });

  it('H1: a failing participant still receives, with a warning; an agent restores an undeliverable one; a customer may not', () => {
    const { ticket } = annTicket();
    const failing = must(ticket, { type: 'report-delivery', address: 'ann@acme.example', status: 'failing', reason: '451 try later', by: { kind: 'system' }, at: at() }).ticket!;
    const w = must(failing, comment('c-2'));
    expect(received(w.plans)).toContain('ann@acme.example');
    expect(w.plans[0]?.warnings.map((x) => [x.mailbox.address, x.detail])).toEqual([['ann@acme.example', '451 try later']]);
    const dead = must(failing, { type: 'report-delivery', address: 'ann@acme.example', status: 'undeliverable', by: { kind: 'system' }, at: at() }).ticket!;
    const byCustomer = handle(dead, { type: 'report-delivery', address: 'ann@acme.example', status: 'ok', by: { kind: 'end-user', address: 'ann@acme.example' }, at: at() }, contextWith());
    expect(!byCustomer.ok && byCustomer.error.map((i) => i.code)).toEqual(['not-permitted']);
    const restored = must(dead, { type: 'report-delivery', address: 'ann@acme.example', status: 'ok', by: agent, at: at() });
    expect(restored.events[0]?.cause).toBe('agent-edit');
    expect(restored.ticket!.heldBack).toEqual([]);
  });

  it('H1: a report about someone not on the ticket is refused', () => {
    const r = handle(annTicket().ticket, { type: 'report-delivery', address: 'nobody@else.example', status: 'undeliverable', by: { kind: 'system' }, at: at() }, contextWith());
    expect(!r.ok && r.error.map((i) => [i.code, i.path])).toEqual([['invalid-command', ['address']]]);
  });
});

describe('H2: mute', () => {
  it('H2: a muted CC keeps the role and the Cc header, receives nothing, and unmuting brings them back; both are events', () => {
    const { ticket } = annTicket();
    const muted = must(ticket, edit([{ op: 'mute', address: 'bob@acme.example' }]));
    expect(muted.events.map((e) => e.type === 'mute-changed' && [e.mailbox.address, e.muted])).toEqual([['bob@acme.example', true]]);
    expect(addresses(muted.ticket!.ccs)).toEqual(['bob@acme.example']);
    const w = must(muted.ticket, comment('c-2'));
    expect(w.plans[0]?.messages[0]?.headers.cc).toBe('bob@acme.example');
    expect(received(w.plans)).toEqual(['ann@acme.example', 'kate@desk.example', 'mia@desk.example']);
    expect(leftOut(w.plans[0])).toEqual([['bob@acme.example', 'muted']]);
    // Muting twice changes nothing.
    expect(must(muted.ticket, edit([{ op: 'mute', address: 'bob@acme.example' }])).events).toEqual([]);
    const unmuted = must(muted.ticket, edit([{ op: 'unmute', address: 'bob@acme.example' }]));
    expect(unmuted.events.map((e) => e.type === 'mute-changed' && e.muted)).toEqual([false]);
    expect(received(must(unmuted.ticket, comment('c-3')).plans)).toContain('bob@acme.example');
  });

  it('H2: a muted follower gets no notes; muting someone not on the ticket, or as a light agent, is refused', () => {
    const { ticket } = annTicket();
    const muted = must(ticket, edit([{ op: 'mute', address: 'kate@desk.example' }])).ticket!;
    const note = must(muted, comment('n-1', 'internal'));
    expect(received(note.plans)).toEqual([]);
    expect(leftOut(note.plans[0])).toEqual([['kate@desk.example', 'muted']]);
    const stranger = handle(ticket, edit([{ op: 'mute', address: 'zed@else.example' }]), contextWith());
    expect(!stranger.ok && stranger.error.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid-command', 'changes.0.address']]);
    const light = handle(ticket, edit([{ op: 'mute', address: 'bob@acme.example' }], lightAgent), contextWith());
    expect(!light.ok && light.error.map((i) => i.code)).toEqual(['not-permitted']);
  });

  it('H2: a participant added and muted in one edit is muted from the start', () => {
    const { ticket } = annTicket();
    const r = must(ticket, edit([{ op: 'mute', address: 'cy@acme.example' }, { op: 'add', field: 'cc', address: 'cy@acme.example' }]));
    expect(r.events.map((e) => e.type)).toEqual(['added', 'mute-changed']);
    expect(leftOut(must(r.ticket, comment('c-2')).plans[0])).toEqual([['cy@acme.example', 'muted']]);
  });
});

describe('H4: merge', () => {
  /** S: Sam asks, with Dan in CC and Zoe in BCC; Otto follows. */
  function source(context = contextWith()): Ticket {
    const first = must(null, { ...email({ from: 'Sam <sam@other.example>', to: 'support@desk.example', cc: 'dan@other.example' }), newTicketId: 'S-1' } as Command, context);
    return must(first.ticket, edit([{ op: 'add', field: 'bcc', address: 'zoe@other.example' }, { op: 'add', field: 'follower', address: 'otto@desk.example' }]), context).ticket!;
  }
  const merge = (src: Ticket): Command => ({ type: 'merge-tickets', source: src, by: agent, at: at() });

  it('H4: T gains S’s requester and CCs as CCs, S’s BCCs as BCCs, S’s followers as followers; S is closed and points to T', () => {
    const { ticket } = annTicket();
    const s = source();
    const r = must(ticket, merge(s));
    const t = r.ticket!;
    expect(addresses(t.ccs)).toEqual(['bob@acme.example', 'sam@other.example', 'dan@other.example']);
    expect(addresses(t.bccs)).toEqual(['mia@desk.example', 'zoe@other.example']);
    expect(addresses(t.followers)).toEqual(['kate@desk.example', 'otto@desk.example']);
    expect(r.events.every((e) => e.cause === 'merge')).toBe(true);
    expect(r.merged?.ticketId).toBe('S-1');
    expect(r.merged?.events.map((e) => [e.type, e.seq])).toEqual([['ticket-merged', s.revision + 1]]);
    expect(r.mergedTicket?.mergedInto).toBe('T-1');
    expect(r.mergedTicket && addresses(r.mergedTicket.ccs)).toEqual(['dan@other.example']);
  });

  it('H4: a BCC of either ticket never becomes a CC on T nor appears in T’s headers', () => {
    const { ticket } = annTicket();
    // Zoe is a BCC on S and T; Mia is a BCC on T and a CC on S; Bob is a CC on T and a BCC on S.
    const s0 = source();
    const s = must(s0, edit([{ op: 'add', field: 'cc', address: 'mia@desk.example' }, { op: 'add', field: 'bcc', address: 'bob@acme.example' }])).ticket!;
    const t0 = must(ticket, edit([{ op: 'add', field: 'bcc', address: 'zoe@other.example' }])).ticket!;
    const r = must(t0, merge(s));
    const t = r.ticket!;
    expect(addresses(t.bccs)).toEqual(['mia@desk.example', 'zoe@other.example']);
    expect(addresses(t.ccs)).toEqual(['bob@acme.example', 'sam@other.example', 'dan@other.example']);
    const w = must(t, comment('c-9'));
    const reply = w.plans[0]!.messages.find((m) => m.kind === 'customer-reply')!;
    expect(`${reply.headers.to}, ${reply.headers.cc}`).not.toMatch(/mia@|zoe@/);
    expect(addresses(reply.envelope)).toEqual(expect.arrayContaining(['mia@desk.example', 'zoe@other.example']));
    assertNoBccLeak(w.plans[0]!, t);
  });

  it('H4: at the CC limit what does not fit is reported and recorded (E5), the rest applies', () => {
    const context = contextWith({ ccLimit: 2 });
    const { ticket } = annTicket(context);
    const r = must(ticket, merge(source(context)), context);
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example', 'sam@other.example']);
    expect(addresses(r.ticket!.bccs)).toEqual(['mia@desk.example', 'zoe@other.example']);
    expect(r.issues.map((i) => [i.code, i.input])).toEqual([['cc-limit-exceeded', 'dan@other.example']]);
    const refused = r.events.find((e) => e.type === 'recipients-refused');
    expect(refused?.cause).toBe('merge');
    expect(r.ticket!.refused.map((x) => [x.input, x.code])).toEqual([['dan@other.example', 'cc-limit-exceeded']]);
  });

  it('H4: mergeRequesterAs "cc" makes S’s requester a CC; "none" leaves them off T', () => {
    const asCc = must(annTicket().ticket, merge(source()));
    expect(addresses(asCc.ticket!.ccs)).toContain('sam@other.example');
    const context = contextWith({ mergeRequesterAs: 'none' });
    const none = must(annTicket(context).ticket, merge(source(context)), context);
    expect(addresses(none.ticket!.ccs)).toEqual(['bob@acme.example', 'dan@other.example']);
    expect([none.ticket!.requester, ...none.ticket!.bccs].map((m) => m?.address)).not.toContain('sam@other.example');
  });

  it('H4: a participant S could not reach stays unreachable on T; muting is S’s own and stays behind', () => {
    const s0 = source();
    const s1 = must(s0, { type: 'report-delivery', address: 'dan@other.example', status: 'undeliverable', reason: '550', by: { kind: 'system' }, at: at() }).ticket!;
    const s = must(s1, edit([{ op: 'mute', address: 'sam@other.example' }])).ticket!;
    const r = must(annTicket().ticket, merge(s));
    expect(r.ticket!.heldBack.map((h) => [h.mailbox.address, h.reason])).toEqual([['dan@other.example', 'undeliverable']]);
    const w = must(r.ticket, comment('c-9'));
    expect(received(w.plans)).not.toContain('dan@other.example');
    expect(received(w.plans)).toContain('sam@other.example');
  });

  it('H4: the merged ticket reports inbound mail and refuses every other command', () => {
    const r = must(annTicket().ticket, merge(source()));
    const s = r.mergedTicket!;
    const mail = must(s, email({ from: 'sam@other.example', to: 'support@desk.example' }));
    expect(mail.email?.outcome).toBe('merged');
    expect(mail.events).toEqual([]);
    expect(mail.issues.map((i) => [i.code, i.code === 'merged-ticket' && i.mergedInto])).toEqual([['merged-ticket', 'T-1']]);
    for (const command of [comment('c-1'), edit([{ op: 'add', field: 'cc', address: 'x@y.example' }]), merge(annTicket().ticket)]) {
      const refused = handle(s, command, contextWith());
      expect(!refused.ok && refused.error.map((i) => i.code)).toEqual(['merged-ticket']);
    }
    // Merging it again, or a ticket into itself, is refused.
    const again = handle(r.ticket, merge(s), contextWith());
    expect(!again.ok && again.error.map((i) => i.code)).toEqual(['merged-ticket']);
    const self = handle(r.ticket, merge(r.ticket!), contextWith());
    expect(!self.ok && self.error.map((i) => i.code)).toEqual(['invalid-command']);
  });

  it('H4: only staff merge', () => {
    const r = handle(annTicket().ticket, { type: 'merge-tickets', source: source(), by: lightAgent, at: at() }, contextWith());
    expect(!r.ok && r.error.map((i) => i.code)).toEqual(['not-permitted']);
  });
});

describe('C1: formerRequesterBecomesCc', () => {
  it('C1: by default the former requester is dropped; with formerRequesterBecomesCc they stay as a CC, recorded', () => {
    const dropped = must(annTicket().ticket, edit([{ op: 'set-requester', address: 'bob@acme.example' }]));
    expect(dropped.ticket!.requester?.address).toBe('bob@acme.example');
    expect(addresses(dropped.ticket!.ccs)).toEqual([]);
    const context = contextWith({ formerRequesterBecomesCc: true });
    const kept = must(annTicket(context).ticket, edit([{ op: 'set-requester', address: 'cy@acme.example' }]), context);
    expect(kept.ticket!.requester?.address).toBe('cy@acme.example');
    expect(addresses(kept.ticket!.ccs)).toEqual(['bob@acme.example', 'ann@acme.example']);
    expect(kept.events.map((e) => [e.type, e.type === 'added' ? e.field : null])).toEqual([['requester-changed', null], ['added', 'cc']]);
  });

  it('C1: a CC who becomes requester frees the slot the former requester takes, at the limit; with no room the edit is refused whole', () => {
    const context = contextWith({ formerRequesterBecomesCc: true, ccLimit: 1 });
    const swapped = must(annTicket(context).ticket, edit([{ op: 'set-requester', address: 'bob@acme.example' }]), context);
    expect([swapped.ticket!.requester?.address, addresses(swapped.ticket!.ccs)]).toEqual(['bob@acme.example', ['ann@acme.example']]);
    const full = handle(annTicket(context).ticket, edit([{ op: 'set-requester', address: 'cy@acme.example' }]), context);
    expect(!full.ok && full.error.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
  });
});

describe('C4: changing a comment’s visibility', () => {
  it('C4: a reply made internal is in internalComments, left out of later conversations, and planned as a note', () => {
    const { ticket } = annTicket();
    const written = must(ticket, comment('c-1'));
    const hidden = must(written.ticket, { type: 'change-visibility', commentId: 'c-1', visibility: 'internal', by: agent, at: at() });
    expect(hidden.events.map((e) => e.type === 'comment-visibility-changed' && [e.commentId, e.visibility])).toEqual([['c-1', 'internal']]);
    expect(hidden.ticket!.internalComments).toEqual(['c-1']);
    const later = must(hidden.ticket, comment('c-2'));
    const reply = later.plans[0]!.messages.find((m) => m.kind === 'customer-reply')!;
    expect(reply.carries).toEqual({ commentId: 'c-2', conversation: 'public', exclude: ['c-1'] });
    const again = planDelivery(hidden.ticket!, written.comment!, contextWith());
    expect(again.ok && [again.value.visibility, received([again.value])]).toEqual(['internal', ['kate@desk.example']]);
    // Made public again, it rides along again.
    const shown = must(hidden.ticket, { type: 'change-visibility', commentId: 'c-1', visibility: 'public', by: agent, at: at() });
    expect(shown.ticket!.internalComments).toEqual([]);
  });

  it('C4: a light agent may hide a comment but not publish one; an end user may do neither', () => {
    const { ticket } = annTicket();
    expect(handle(ticket, { type: 'change-visibility', commentId: 'c-1', visibility: 'internal', by: lightAgent, at: at() }, contextWith()).ok).toBe(true);
    const publish = handle(ticket, { type: 'change-visibility', commentId: 'c-1', visibility: 'public', by: lightAgent, at: at() }, contextWith());
    expect(!publish.ok && publish.error.map((i) => i.code)).toEqual(['not-permitted']);
    const customer = handle(ticket, { type: 'change-visibility', commentId: 'c-1', visibility: 'internal', by: { kind: 'end-user', address: 'ann@acme.example' }, at: at() }, contextWith());
    expect(!customer.ok && customer.error.map((i) => i.code)).toEqual(['not-permitted']);
  });
});

describe('B9: the plans a command returns', () => {
  it('B9: a comment written in the help desk comes back with its delivery plan', () => {
    const w = must(annTicket().ticket, comment('c-1'));
    expect(w.plans.map((p) => p.commentId)).toEqual(['c-1']);
    expect(envelopes(w.plans)).toEqual([['ann@acme.example', 'bob@acme.example', 'mia@desk.example'], ['kate@desk.example']]);
  });

  it('B9: resolving a notice releases the held reply to those who have not had it: the BCC gets it, the follower not twice', () => {
    const { ticket } = annTicket();
    // Ann leaves Bob out: a notice holds her reply; Kate (follower) is told at once, Mia (BCC) and Bob wait.
    const r = must(ticket, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'cy@acme.example' }));
    expect(received(r.plans)).toEqual(['kate@desk.example']);
    expect(leftOut(r.plans[0])).toEqual([['bob@acme.example', 'held-reply'], ['mia@desk.example', 'held-reply']]);
    const notice = r.ticket!.notices[0]!;
    const resolved = must(r.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'update-recipients', by: agent, at: at() });
    // Bob is no longer a CC; Cy was on the email; Ann wrote it: only Mia has not had it.
    expect(resolved.plans.map((p) => p.commentId)).toEqual([notice.comment.id]);
    expect(envelopes(resolved.plans)).toEqual([['mia@desk.example']]);
    expect(resolved.plans[0]!.messages[0]!.headers).toEqual({ to: 'Ann Lee <ann@acme.example>', cc: 'cy@acme.example' });
  });

  it('B9: an agent who is CC and follower is told of a held note once, and is not sent it again when it is made public', () => {
    const { ticket } = annTicket();
    const t = must(ticket, edit([{ op: 'add', field: 'cc', address: 'otto@desk.example' }, { op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    // Ann writes to Bob only, the desk blind-copied (F12): an internal note with a desk-not-addressed notice.
    const r = must(t, email({ from: 'ann@acme.example', to: 'bob@acme.example' }));
    expect(r.email?.notice?.kind).toBe('desk-not-addressed');
    expect(received(r.plans)).toEqual(['kate@desk.example', 'otto@desk.example']);
    const notice = r.ticket!.notices[0]!;
    const made = must(r.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'make-public', by: agent, at: at() });
    // The release, planned by what the reply reached while it was held: Mia (BCC) only.
    const release = releasedPlans(made.ticket!, notice, made.events, contextWith());
    expect(release.map((p) => [p.visibility, envelopes([p])])).toEqual([['public', [['mia@desk.example']]]]);
    expect(release[0]!.messages[0]!.headers).toEqual({ to: 'Ann Lee <ann@acme.example>', cc: 'bob@acme.example, otto@desk.example' });
    expect(received([...r.plans, ...release])).toEqual(['kate@desk.example', 'mia@desk.example', 'otto@desk.example']);
  });

  it('B9: a follower told of a held reply, then removed as follower while it is held, is not sent it again when it is released', () => {
    // Seed 1244463072 of the participants property, widened: who was told is recorded when the reply is held, not re-planned later.
    const context = contextWith({ ccLimit: null, onDroppedRecipients: 'notify', ccReplyWithoutRequester: 'public', formerRequesterBecomesCc: true, agentCcBecomesFollower: true, internalNotesToStaffCcs: false });
    const { ticket } = annTicket(context);
    // Liam is made requester, then Ann takes it back: Liam becomes a CC and, as an agent, a follower.
    const t1 = must(ticket, edit([{ op: 'set-requester', address: 'liam@desk.example' }]), context).ticket!;
    const t2 = must(t1, edit([{ op: 'set-requester', address: 'ann@acme.example' }]), context).ticket!;
    expect([addresses(t2.ccs).includes('liam@desk.example'), addresses(t2.followers).includes('liam@desk.example')]).toEqual([true, true]);
    // Ann writes without addressing the desk: held by a desk-not-addressed notice; Liam, a follower, is told.
    const r = must(t2, email({ from: 'ann@acme.example', to: 'bob@acme.example' }), context);
    expect(r.email?.notice?.kind).toBe('desk-not-addressed');
    expect(received(r.plans)).toContain('liam@desk.example');
    // Liam stops following; he is still a CC.
    const t3 = must(r.ticket, edit([{ op: 'remove', field: 'follower', address: 'liam@desk.example' }]), context);
    expect(addresses(t3.ticket!.followers)).not.toContain('liam@desk.example');
    const notice = t3.ticket!.notices[0]!;
    const made = must(t3.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'make-public', by: agent, at: at() }, context);
    expect(made.plans.map((p) => p.commentId)).toEqual([notice.comment.id]);
    // Mia (BCC) has it now; Liam had it already.
    expect(received(made.plans)).toEqual(['mia@desk.example']);
    const all = [...r.plans, ...made.plans].filter((p) => p.commentId === notice.comment.id);
    expect(received(all).filter((a) => a === 'liam@desk.example')).toEqual(['liam@desk.example']);
  });

  it('B9, I7: who a held reply reached is in the log: a reloaded ticket releases it to the same people; a log from before still reads', () => {
    const { ticket, log } = annTicket();
    const r = must(ticket, email({ from: 'ann@acme.example', to: 'bob@acme.example' }));
    const off = must(r.ticket, edit([{ op: 'remove', field: 'follower', address: 'kate@desk.example' }]));
    const stored = [...log, ...r.events, ...off.events];
    const read = readEvents(JSON.parse(JSON.stringify(stored)), { ticketId: 'T-1' });
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const reloaded = fold(read.value);
    expect(reloaded.notices[0]?.told?.map((m) => m.address)).toEqual(['kate@desk.example']);
    expect(reloaded).toEqual(off.ticket);
    const resolve: Command = { type: 'resolve-notice', noticeId: reloaded.notices[0]!.id, resolution: 'make-public', by: agent, at: at() };
    expect(received(must(reloaded, resolve).plans)).toEqual(['mia@desk.example']);
    // A notice-raised event written before `told` was kept reads and folds; its release is planned again as before.
    const old = stored.map((e) => {
      if (e.type !== 'notice-raised') return e;
      const { told: _told, ...notice } = e.notice;
      const { sum: _sum, ...content } = { ...e, notice };
      return { ...content, sum: checksum(content) };
    });
    const oldRead = readEvents(JSON.parse(JSON.stringify(old)), { ticketId: 'T-1' });
    expect(oldRead.ok && fold(oldRead.value).notices[0]?.told).toBeUndefined();
    expect(oldRead.ok && received(must(fold(oldRead.value), resolve).plans)).toEqual(['mia@desk.example']);
  });

  it('B9, E7: erasing someone told of a held reply leaves no trace of them in the notice', () => {
    const { ticket, log } = annTicket();
    const r = must(ticket, email({ from: 'ann@acme.example', to: 'bob@acme.example' }));
    expect(r.ticket!.notices[0]?.told?.map((m) => m.address)).toEqual(['kate@desk.example']);
    const erased = eraseAddress([...log, ...r.events], 'kate@desk.example', { at: at(), by: { kind: 'admin', id: 'mia' } });
    if (!erased.ok) throw new Error(JSON.stringify(erased.error));
    expect(JSON.stringify(erased.value.events)).not.toContain('kate@desk.example');
    expect(fold(erased.value.events).notices[0]?.told).toHaveLength(1);
  });
});

describe('H3: recipients for one message', () => {
  const reply = (recipients: NonNullable<Extract<Command, { type: 'write-comment' }>['recipients']>, by: Actor = { kind: 'agent', id: 'otto' }): Command => ({ type: 'write-comment', commentId: 'c-once', visibility: 'public', by, at: at(), recipients });

  it('H3: a one-time CC is in this reply’s Cc header, a one-time BCC in its envelope only; the ticket does not change and the comment records them', () => {
    const { ticket } = annTicket();
    const r = must(ticket, reply({ cc: ['Lawyer <law@firm.example>'], bcc: ['boss@acme.example'] }));
    expect(r.events.map((e) => e.type)).toEqual(['comment-added']);
    expect([addresses(r.ticket!.ccs), addresses(r.ticket!.bccs)]).toEqual([['bob@acme.example'], ['mia@desk.example']]);
    expect(r.comment?.oneTime && [addresses(r.comment.oneTime.cc), addresses(r.comment.oneTime.bcc), r.comment.oneTime.leftOut]).toEqual([['law@firm.example'], ['boss@acme.example'], []]);
    const message = r.plans[0]!.messages.find((m) => m.kind === 'customer-reply')!;
    expect(message.headers).toEqual({ to: 'Ann Lee <ann@acme.example>', cc: 'bob@acme.example, Lawyer <law@firm.example>' });
    expect(addresses(message.envelope)).toEqual(['ann@acme.example', 'bob@acme.example', 'law@firm.example', 'mia@desk.example', 'boss@acme.example']);
    // The next reply goes to the ticket's people only.
    expect(received(must(r.ticket, comment('c-next')).plans)).toEqual(['ann@acme.example', 'bob@acme.example', 'kate@desk.example', 'mia@desk.example']);
    // The log keeps who it went to.
    const added = r.events[0];
    expect(added?.type === 'comment-added' && added.comment.oneTime?.cc.map((m) => m.address)).toEqual(['law@firm.example']);
  });

  it('H3: a participant left out of one reply is not in its headers or envelope, is listed as left-out, and stays on the ticket', () => {
    const { ticket } = annTicket();
    const r = must(ticket, reply({ leaveOut: ['bob@acme.example', 'kate@desk.example'] }));
    const message = r.plans[0]!.messages[0]!;
    expect(message.headers).toEqual({ to: 'Ann Lee <ann@acme.example>', cc: '' });
    expect(received(r.plans)).toEqual(['ann@acme.example', 'mia@desk.example']);
    expect(r.plans[0]!.leftOut.map((l) => [l.mailbox.address, l.reason, l.messageKind])).toEqual([
      ['bob@acme.example', 'left-out', 'customer-reply'],
      ['kate@desk.example', 'left-out', 'follower-notification'],
    ]);
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example']);
  });

  it('H3: D applies: the limit counts the ticket’s CCs plus the added ones, the denylist and support addresses are refused, light agents add nobody', () => {
    const context = contextWith({ ccLimit: 2, denylist: ['vip.example'] });
    const { ticket } = annTicket(context);
    expect(must(ticket, reply({ cc: ['law@firm.example'] }), context).plans[0]!.messages[0]!.headers.cc).toBe('bob@acme.example, law@firm.example');
    const over = handle(ticket, reply({ cc: ['law@firm.example', 'cy@acme.example'] }), context);
    expect(!over.ok && over.error.map((i) => [i.code, i.code === 'cc-limit-exceeded' && i.count])).toEqual([['cc-limit-exceeded', 3]]);
    const forbidden = handle(ticket, reply({ cc: ['x@vip.example'], bcc: ['support@desk.example'] }), context);
    expect(!forbidden.ok && forbidden.error.map((i) => [i.code, i.path.join('.')])).toEqual([['denylisted', 'recipients.cc.0'], ['support-address', 'recipients.bcc.0']]);
    const light = handle(ticket, { ...reply({ cc: ['law@firm.example'] }, lightAgent), visibility: 'internal' } as Command, context);
    expect(!light.ok && light.error.map((i) => i.code)).toEqual(['invalid-command']);
    const stranger = handle(ticket, reply({ leaveOut: ['nobody@else.example'] }), context);
    expect(!stranger.ok && stranger.error.map((i) => i.code)).toEqual(['invalid-command']);
    const bccOff = handle(ticket, reply({ bcc: ['boss@acme.example'] }), contextWith({ bccEnabled: false }));
    expect(!bccOff.ok && bccOff.error.map((i) => i.code)).toEqual(['bcc-disabled']);
  });

  it('H3: someone already on the ticket is no extra recipient (D5), and one address cannot be both one-time CC and BCC', () => {
    const { ticket } = annTicket();
    const r = must(ticket, reply({ cc: ['bob@acme.example', 'mia@desk.example'] }));
    expect(r.comment?.oneTime?.cc).toEqual([]);
    expect(r.plans[0]!.messages[0]!.headers.cc).toBe('bob@acme.example');
    const both = handle(ticket, reply({ cc: ['law@firm.example'], bcc: ['LAW@firm.example'] }), contextWith());
    expect(!both.ok && both.error.map((i) => i.code)).toEqual(['role-conflict']);
  });

  it('H3: a muted or suppressed one-time recipient is left out like anyone else (B10)', () => {
    const { ticket } = annTicket();
    const r = must(ticket, reply({ cc: ['law@firm.example'] }));
    const plan = planDelivery(r.ticket!, r.comment!, contextWith(), { suppressed: ['law@firm.example'] });
    expect(plan.ok && plan.value.leftOut.map((l) => [l.mailbox.address, l.reason])).toEqual([['law@firm.example', 'suppressed']]);
  });
});

describe('H3: one-time recipients from the composer, and erasure', () => {
  it('H3: with oneTime the composer’s added CC and removed CC become this reply’s recipients, not an edit', () => {
    const { ticket } = annTicket();
    const { initial, reduce } = createComposer(ticket, contextWith());
    const actions: ComposerAction[] = [
      { type: 'show', field: 'cc' },
      { type: 'input', field: 'cc', text: 'law@firm.example' },
      { type: 'key', field: 'cc', key: 'Enter' },
      { type: 'remove', field: 'cc', key: 'bob@acme.example' },
    ];
    const state = actions.reduce(reduce, initial);
    const send = composerToCommands(ticket, state, { by: { kind: 'agent', id: 'otto' }, at: at(), commentId: 'c-9', visibility: 'public', oneTime: true });
    expect(send.edit).toBeNull();
    const r = must(ticket, send.comment);
    expect(r.plans[0]!.messages[0]!.headers.cc).toBe('law@firm.example');
    expect(r.plans[0]!.leftOut.map((l) => [l.mailbox.address, l.reason])).toEqual([['bob@acme.example', 'left-out']]);
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example']);
    // Without the flag the same composer state is an edit of the ticket.
    expect(composerToCommands(ticket, state, { by: agent, at: at(), commentId: 'c-9', visibility: 'public' }).edit?.changes.map((c) => c.op)).toEqual(['remove', 'add']);
  });

  it('H3, E7: erasing a one-time recipient leaves no trace of them in the log', () => {
    const { ticket, log } = annTicket();
    const r = must(ticket, { type: 'write-comment', commentId: 'c-1', visibility: 'public', by: agent, at: at(), recipients: { cc: ['Law <law@firm.example>'] } });
    const erased = eraseAddress([...log, ...r.events], 'law@firm.example', { at: at(), by: { kind: 'admin', id: 'mia' } });
    expect(erased.ok).toBe(true);
    expect(JSON.stringify(erased)).not.toMatch(/law@firm/i);
  });
});

describe('H2: leaving the ticket', () => {
  it('H2: a muted CC who is removed and added again starts unmuted', () => {
    const { ticket } = annTicket();
    const cc = ticket.ccs[0]!.address;
    const muted = must(ticket, edit([{ op: 'mute', address: cc }])).ticket!;
    expect(muted.heldBack.map((h) => [h.mailbox.address, h.reason])).toEqual([[cc, 'muted']]);
    const removed = must(muted, edit([{ op: 'remove', field: 'cc', address: cc }])).ticket!;
    expect(removed.heldBack).toEqual([]);
    const back = must(removed, edit([{ op: 'add', field: 'cc', address: cc }])).ticket!;
    expect(back.heldBack).toEqual([]);
  });
});
