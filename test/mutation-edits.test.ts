// Behaviour pinned after mutation testing of src/edits: the order an edit's changes apply in,
// where each refusal points, the former requester kept as a CC, and mute inside one edit.
import { describe, expect, it } from 'vitest';
import { handle, type Command, type Ticket, type TicketEvent } from '../src/index.js';
import { addresses, at, contextWith, edit, lightAgent, must, opened } from './support/tickets.js';

const refused = (ticket: Ticket, command: Command, context = contextWith()) => {
  const r = handle(ticket, command, context);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};

const muteEvents = (events: readonly TicketEvent[]) => events.flatMap((e) => (e.type === 'mute-changed' ? [[e.mailbox.address, e.muted]] : []));

describe('C1: the changes of one edit, in the order they apply', () => {
  it('C1: additions to one field are recorded in the order asked', () => {
    const r = must(opened(), edit(['c@acme.example', 'a@acme.example', 'b@acme.example', 'd@acme.example'].map((address) => ({ op: 'add', field: 'cc', address }))));
    expect(r.events.map((e) => (e.type === 'added' ? e.mailbox.address : e.type))).toEqual(['c@acme.example', 'a@acme.example', 'b@acme.example', 'd@acme.example']);
    expect(addresses(r.ticket!.ccs)).toEqual(['c@acme.example', 'a@acme.example', 'b@acme.example', 'd@acme.example']);
  });

  it('C1: at the CC limit the later of two additions is the overflow, whatever the order of other changes', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const issues = refused(
      t,
      edit([
        { op: 'add', field: 'bcc', address: 'zed@acme.example' },
        { op: 'add', field: 'cc', address: 'cy@acme.example' },
        { op: 'add', field: 'cc', address: 'dan@acme.example' },
      ]),
      contextWith({ ccLimit: 2 }),
    );
    expect(issues.map((i) => [i.code, i.input, i.path])).toEqual([['cc-limit-exceeded', 'dan@acme.example', ['changes', 2, 'address']]]);
  });

  it('C1: a participant added as BCC and muted in one edit is muted, whichever change comes first', () => {
    const r = must(opened(), edit([{ op: 'mute', address: 'cy@acme.example' }, { op: 'add', field: 'bcc', address: 'cy@acme.example' }]));
    expect(r.events.map((e) => e.type)).toEqual(['added', 'mute-changed']);
    expect(muteEvents(r.events)).toEqual([['cy@acme.example', true]]);
  });

  it('C1: the requester is set before additions, so the former requester can be added back as a CC in the same edit', () => {
    const r = must(opened('ann@acme.example', ['bob@acme.example']), edit([{ op: 'add', field: 'cc', address: 'ann@acme.example' }, { op: 'set-requester', address: 'x@acme.example' }]));
    expect([r.ticket!.requester?.address, addresses(r.ticket!.ccs)]).toEqual(['x@acme.example', ['bob@acme.example', 'ann@acme.example']]);
  });

  it('C1: every refusal points at its own change, and they are listed in the order of the changes', () => {
    const issues = refused(
      opened(),
      edit([
        { op: 'add', field: 'bcc', address: 'not an address' },
        { op: 'remove', field: 'cc', address: 'also not one' },
        { op: 'set-requester', address: 'nor this' },
        { op: 'add', field: 'follower', address: 'nobody at all' },
      ]),
    );
    expect(issues.map((i) => [i.code, i.path, i.field])).toEqual([
      ['invalid-address', ['changes', 0, 'address'], 'bcc'],
      ['invalid-address', ['changes', 1, 'address'], 'cc'],
      ['invalid-address', ['changes', 2, 'address'], 'requester'],
      ['invalid-address', ['changes', 3, 'address'], 'follower'],
    ]);
  });

  it('C1: a refused addition after an accepted removal points at the addition', () => {
    const issues = refused(opened('ann@acme.example', ['bob@acme.example']), edit([{ op: 'add', field: 'cc', address: 'support@desk.example' }, { op: 'remove', field: 'cc', address: 'bob@acme.example' }]));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['support-address', ['changes', 0, 'address']]]);
  });
});

describe('C1: formerRequesterBecomesCc', () => {
  const keep = contextWith({ formerRequesterBecomesCc: true });

  it('C1: with the setting on, the former requester stays as a CC; with it off, they go', () => {
    const on = must(opened('ann@acme.example', [], keep), edit([{ op: 'set-requester', address: 'dan@acme.example' }]), keep).ticket!;
    expect([on.requester?.address, addresses(on.ccs)]).toEqual(['dan@acme.example', ['ann@acme.example']]);
    const off = must(opened('ann@acme.example'), edit([{ op: 'set-requester', address: 'dan@acme.example' }])).ticket!;
    expect([off.requester?.address, addresses(off.ccs)]).toEqual(['dan@acme.example', []]);
  });

  it('C1: setting the requester they already are keeps them requester, not also a CC', () => {
    const r = must(opened('ann@acme.example', [], keep), edit([{ op: 'set-requester', address: 'ANN@acme.example' }]), keep);
    expect(r.ticket!.requester?.key).toBe('ann@acme.example');
    expect(addresses(r.ticket!.ccs)).toEqual([]);
  });

  it('C1: a ticket imported without a requester gets one; there is nobody to keep as a CC', () => {
    const imported = must(null, { type: 'import-ticket', ticketId: 'T-9', participants: { ccs: ['bob@acme.example'] }, by: { kind: 'system' }, at: at() }, keep).ticket!;
    expect(imported.requester).toBeNull();
    const r = must(imported, edit([{ op: 'set-requester', address: 'x@acme.example' }]), keep);
    expect([r.ticket!.requester?.address, addresses(r.ticket!.ccs)]).toEqual(['x@acme.example', ['bob@acme.example']]);
  });

  it('C1: a refused change of requester keeps the former one as requester and adds no CC', () => {
    const issues = refused(opened('ann@acme.example', [], keep), edit([{ op: 'set-requester', address: 'dan@acme.example' }], lightAgent), keep);
    expect(issues.map((i) => [i.code, i.field])).toEqual([['not-permitted', 'requester']]);
  });
});

describe('H2: mute within an edit', () => {
  const ticket = () => opened('ann@acme.example', ['bob@acme.example']);

  it('H2: muting and unmuting in one edit gives both events, in order', () => {
    const r = must(ticket(), edit([{ op: 'mute', address: 'bob@acme.example' }, { op: 'unmute', address: 'bob@acme.example' }]));
    expect(muteEvents(r.events)).toEqual([['bob@acme.example', true], ['bob@acme.example', false]]);
    expect(r.events.map((e) => [e.cause, e.by])).toEqual([['agent-edit', { kind: 'agent', id: 'kate' }], ['agent-edit', { kind: 'agent', id: 'kate' }]]);
    expect(r.ticket!.heldBack.filter((h) => h.reason === 'muted')).toEqual([]);
  });

  it('H2: muting twice in one edit is one event; unmuting someone not muted is none', () => {
    expect(muteEvents(must(ticket(), edit([{ op: 'mute', address: 'bob@acme.example' }, { op: 'mute', address: 'bob@acme.example' }])).events)).toEqual([['bob@acme.example', true]]);
    expect(must(ticket(), edit([{ op: 'unmute', address: 'bob@acme.example' }])).events).toEqual([]);
  });

  it('H2: muting one participant does not count as muting another', () => {
    const muted = must(ticket(), edit([{ op: 'mute', address: 'bob@acme.example' }])).ticket!;
    const r = must(muted, edit([{ op: 'mute', address: 'ann@acme.example' }, { op: 'unmute', address: 'bob@acme.example' }]));
    expect(muteEvents(r.events)).toEqual([['ann@acme.example', true], ['bob@acme.example', false]]);
  });

  it('H2: an undeliverable participant is not muted, so muting them is an event', () => {
    const dead = must(ticket(), { type: 'report-delivery', address: 'bob@acme.example', status: 'undeliverable', by: { kind: 'system' }, at: at() }).ticket!;
    expect(muteEvents(must(dead, edit([{ op: 'mute', address: 'bob@acme.example' }])).events)).toEqual([['bob@acme.example', true]]);
  });

  it('H2: the requester and a follower can be muted; agents, admins and the system may mute, others not', () => {
    const withFollower = must(ticket(), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    expect(muteEvents(must(withFollower, edit([{ op: 'mute', address: 'ann@acme.example' }, { op: 'mute', address: 'otto@desk.example' }])).events)).toEqual([
      ['ann@acme.example', true],
      ['otto@desk.example', true],
    ]);
    for (const by of [{ kind: 'admin', id: 'mia' }, { kind: 'system' }] as const) {
      expect(muteEvents(must(ticket(), edit([{ op: 'mute', address: 'bob@acme.example' }], by)).events)).toEqual([['bob@acme.example', true]]);
    }
    const light = refused(ticket(), edit([{ op: 'mute', address: 'bob@acme.example' }], lightAgent));
    expect(light.map((i) => [i.code, i.path, i.field])).toEqual([['not-permitted', ['changes', 0, 'address'], 'cc']]);
  });

  it('H2: muting someone not on the ticket is refused and names them', () => {
    const issues = refused(ticket(), edit([{ op: 'mute', address: 'zed@else.example' }]));
    expect(issues.map((i) => [i.code, i.input, i.path])).toEqual([['invalid-command', 'zed@else.example', ['changes', 0, 'address']]]);
  });
});

describe('C1, H2: each change of an edit says why', () => {
  it('C1, H2: removals, the requester and additions by C1, the former requester kept by C1 and its setting, a mute by H2', () => {
    const keep = contextWith({ formerRequesterBecomesCc: true });
    const t = opened('ann@acme.example', ['bob@acme.example'], keep);
    const r = must(t, edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }, { op: 'remove', field: 'cc', address: 'bob@acme.example' }, { op: 'set-requester', address: 'dan@acme.example' }, { op: 'mute', address: 'x@acme.example' }]), keep);
    expect(r.events.map((e) => [e.type, e.cause, 'mailbox' in e ? e.mailbox?.address : null, e.reasons])).toEqual([
      ['removed', 'agent-edit', 'bob@acme.example', [{ rule: 'C1' }]],
      ['requester-changed', 'agent-edit', null, [{ rule: 'C1' }]],
      ['added', 'agent-edit', 'ann@acme.example', [{ rule: 'C1', setting: { name: 'formerRequesterBecomesCc', value: true } }]],
      ['added', 'agent-edit', 'x@acme.example', [{ rule: 'C1' }]],
      ['mute-changed', 'agent-edit', 'x@acme.example', [{ rule: 'H2' }]],
    ]);
  });
});

describe('C1: CC additions apply before BCC and follower ones', () => {
  it('C1: an edit adding a BCC and a follower before a CC records the CC first, then the others in the order asked', () => {
    const r = must(opened(), edit([{ op: 'add', field: 'bcc', address: 'zed@acme.example' }, { op: 'add', field: 'follower', address: 'otto@desk.example' }, { op: 'add', field: 'cc', address: 'cy@acme.example' }]));
    expect(r.events.map((e) => (e.type === 'added' ? [e.field, e.mailbox.address] : e.type))).toEqual([['cc', 'cy@acme.example'], ['bcc', 'zed@acme.example'], ['follower', 'otto@desk.example']]);
  });
});
