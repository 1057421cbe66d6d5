import { describe, expect, it } from 'vitest';
import { fold, handle, suggest, type Ticket } from '../src/index.js';
import { addresses, agent, contextWith, directory, edit, lightAgent, must, opened } from './support/tickets.js';

const refused = (ticket: Ticket, command: Parameters<typeof handle>[1], context = contextWith()) => {
  const r = handle(ticket, command, context);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};

describe('C1: agent edits', () => {
  it('C1: an agent sets the requester and adds and removes CCs and BCCs', () => {
    let t = opened('ann@acme.example', ['bob@acme.example']);
    t = must(t, edit([{ op: 'add', field: 'cc', address: 'Cleo <cleo@acme.example>' }, { op: 'add', field: 'bcc', address: 'mia@desk.example' }])).ticket!;
    t = must(t, edit([{ op: 'remove', field: 'cc', address: 'BOB@acme.example' }, { op: 'set-requester', address: 'dan@acme.example' }])).ticket!;
    expect(t.requester?.address).toBe('dan@acme.example');
    expect(addresses(t.ccs)).toEqual(['cleo@acme.example']);
    expect(addresses(t.bccs)).toEqual(['mia@desk.example']);
    expect(t.ccs[0]?.name).toBe('Cleo');
  });

  it('C1: a refused edit changes nothing and returns every reason with a code', () => {
    const t = opened('ann@acme.example');
    const issues = refused(
      t,
      edit([
        { op: 'add', field: 'cc', address: 'ok@acme.example' },
        { op: 'add', field: 'cc', address: 'not an address' },
        { op: 'add', field: 'cc', address: 'support@desk.example' },
        { op: 'add', field: 'bcc', address: 'bot@spam.example' },
      ]),
      contextWith({ denylist: ['spam.example'] }),
    );
    expect(issues.map((i) => i.code)).toEqual(['invalid-address', 'support-address', 'denylisted']);
    expect(issues.map((i) => i.input)).toEqual(['not an address', 'support@desk.example', 'bot@spam.example']);
  });

  it('C1: commands with the wrong shape from untyped callers are refused, not thrown', () => {
    const t = opened();
    for (const bad of [
      { type: 'edit-recipients', changes: 'cc', by: { kind: 'agent', id: 'x' }, at: 't' },
      { type: 'edit-recipients', changes: [{ op: 'add', field: 'to', address: 'a@b.example' }], by: { kind: 'agent', id: 'x' }, at: 't' },
      { type: 'edit-recipients', changes: [], by: { kind: 'wizard' }, at: 't' },
      { type: 'edit-recipients', changes: [], by: { kind: 'agent', id: 'x' }, at: 5 },
      { type: 'make-coffee' },
      null,
    ]) {
      const r = handle(t, bad as never, contextWith());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error[0]?.code).toBe('invalid-command');
    }
  });
});

describe('C2: address memory and suggestions', () => {
  it('C2: removed addresses are remembered and suggested, most recent first, not those already in the field', () => {
    let t = opened('ann@acme.example', ['bob@acme.example', 'bea@acme.example']);
    t = must(t, edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }])).ticket!;
    t = must(t, edit([{ op: 'add', field: 'bcc', address: 'Bruno <bruno@acme.example>' }])).ticket!;
    expect(t.memory.map((m) => m.address).sort()).toEqual(['ann@acme.example', 'bea@acme.example', 'bob@acme.example', 'bruno@acme.example']);
    const offered = suggest(t, 'b', directory, { field: 'cc' });
    expect(offered.map((s) => s.address)).toEqual(['bruno@acme.example', 'bob@acme.example']);
  });

  it('C2: the directory is offered after the ticket memory, matching a word of the name', () => {
    const t = opened('ann@acme.example');
    expect(suggest(t, 'partner', directory).map((s) => [s.address, s.source])).toEqual([['paula@partner.example', 'directory']]);
    expect(suggest(t, 'Paula', directory).map((s) => s.address)).toEqual(['paula@partner.example']);
    expect(suggest(t, 'ann', directory, { field: 'requester' })).toEqual([]);
    expect(suggest(t, 42 as never, directory)).toEqual([]);
  });
});

describe('D1: the CC limit', () => {
  it('D1: an agent edit that would exceed the limit is refused whole, naming the overflow', () => {
    const t = opened('ann@acme.example', ['a@acme.example'], contextWith({ ccLimit: 2 }));
    const issues = refused(t, edit([{ op: 'add', field: 'cc', address: 'b@acme.example' }, { op: 'add', field: 'cc', address: 'c@acme.example' }]), contextWith({ ccLimit: 2 }));
    expect(issues).toEqual([expect.objectContaining({ code: 'cc-limit-exceeded', input: 'c@acme.example' })]);
  });

  it('D1: removing first makes room in the same edit', () => {
    const ctx = contextWith({ ccLimit: 1 });
    const t = opened('ann@acme.example', ['a@acme.example'], ctx);
    const next = must(t, edit([{ op: 'remove', field: 'cc', address: 'a@acme.example' }, { op: 'add', field: 'cc', address: 'b@acme.example' }]), ctx).ticket!;
    expect(addresses(next.ccs)).toEqual(['b@acme.example']);
  });
});

describe('D2: denylist and support addresses', () => {
  it('D2: entries match the address, never the display name, and domains match whole labels', () => {
    const ctx = contextWith({ denylist: ['spam.example'] });
    const t = opened('ann@acme.example', [], ctx);
    expect(refused(t, edit([{ op: 'add', field: 'cc', address: 'x@spam.example' }]), ctx)[0]?.code).toBe('denylisted');
    const ok = must(t, edit([{ op: 'add', field: 'cc', address: '"x@spam.example" <x@notspam.example>' }, { op: 'add', field: 'cc', address: 'y@a.spam.example' }]), ctx).ticket!;
    expect(addresses(ok.ccs)).toEqual(['x@notspam.example', 'y@a.spam.example']);
  });

  it('D2: a denylisted address may still be the requester; adding an entry later removes no one', () => {
    const t = opened('bot@spam.example', ['x@spam.example']);
    const ctx = contextWith({ denylist: ['spam.example'] });
    const after = must(t, edit([{ op: 'add', field: 'cc', address: 'ok@acme.example' }]), ctx).ticket!;
    expect(after.requester?.address).toBe('bot@spam.example');
    expect(addresses(after.ccs)).toEqual(['x@spam.example', 'ok@acme.example']);
  });

  it('D2: a support address never becomes requester, CC, BCC or follower', () => {
    const t = opened();
    for (const change of [
      { op: 'set-requester', address: 'support@desk.example' },
      { op: 'add', field: 'cc', address: 'reply+abc@in.desk.example' },
      { op: 'add', field: 'bcc', address: 'old@desk-old.example' },
      { op: 'add', field: 'follower', address: 'support@desk.example' },
    ] as const) {
      expect(refused(t, edit([change]))[0]?.code).toBe('support-address');
    }
  });
});

describe('D3: invalid addresses', () => {
  it('D3: syntactically invalid addresses never become participants, with the reason', () => {
    const t = opened();
    const issues = refused(t, edit([{ op: 'add', field: 'cc', address: 'a@@b' }, { op: 'add', field: 'cc', address: 'Evil\r\n <e@x.example>' }, { op: 'add', field: 'cc', address: null }]));
    expect(issues.map((i) => i.code)).toEqual(['invalid-address', 'control-character', 'not-a-string']);
  });
});

describe('D4: who may do what', () => {
  it('D4: light agents may not add CCs or BCCs, nor remove themselves as CC, but may follow', () => {
    const t = must(opened(), edit([{ op: 'add', field: 'cc', address: 'liam@desk.example' }])).ticket!;
    expect(refused(t, edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }], lightAgent))[0]?.code).toBe('not-permitted');
    expect(refused(t, edit([{ op: 'add', field: 'bcc', address: 'x@acme.example' }], lightAgent))[0]?.code).toBe('not-permitted');
    expect(refused(t, edit([{ op: 'remove', field: 'cc', address: 'liam@desk.example' }], lightAgent))[0]?.code).toBe('not-permitted');
    const following = must(t, edit([{ op: 'add', field: 'follower', address: 'liam@desk.example' }], lightAgent)).ticket!;
    expect(addresses(following.followers)).toEqual(['liam@desk.example']);
  });

  it('D4: light agents follow only when lightAgentsMayFollow', () => {
    const ctx = contextWith({ lightAgentsMayFollow: false });
    expect(refused(opened(), edit([{ op: 'add', field: 'follower', address: 'liam@desk.example' }]), ctx)[0]?.code).toBe('not-permitted');
  });

  it('D4: only agents may be followers; end users never edit recipients outside email', () => {
    const t = opened();
    expect(refused(t, edit([{ op: 'add', field: 'follower', address: 'bob@acme.example' }]))[0]?.code).toBe('not-an-agent');
    expect(refused(t, edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }], { kind: 'end-user', address: 'ann@acme.example' }))[0]?.code).toBe('not-permitted');
  });

  it('D4: admins and the system may edit', () => {
    for (const by of [{ kind: 'admin', id: 'mia' }, { kind: 'system' }] as const) {
      expect(addresses(must(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }], by)).ticket!.ccs)).toEqual(['x@acme.example']);
    }
  });

  it('D7: a command cannot claim to be a rule: rules act only when the rules engine runs them', () => {
    expect(refused(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }], { kind: 'rule', ruleId: 'r1' }))[0]).toMatchObject({ code: 'not-permitted', path: ['by'] });
  });

  it('D4: agentCcBecomesFollower makes an agent added as CC a follower too', () => {
    const ctx = contextWith({ agentCcBecomesFollower: true });
    const t = must(opened(), edit([{ op: 'add', field: 'cc', address: 'otto@desk.example' }, { op: 'add', field: 'cc', address: 'x@acme.example' }]), ctx).ticket!;
    expect(addresses(t.followers)).toEqual(['otto@desk.example']);
  });

  it('D4: followers and BCCs can be switched off', () => {
    expect(refused(opened(), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }]), contextWith({ followersEnabled: false }))[0]?.code).toBe('followers-disabled');
    expect(refused(opened(), edit([{ op: 'add', field: 'bcc', address: 'x@acme.example' }]), contextWith({ bccEnabled: false }))[0]?.code).toBe('bcc-disabled');
  });
});

describe('D5 and A4: no duplicates, one role per address', () => {
  it('D5: adding an address already in the role is a no-op with no event', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = must(t, edit([{ op: 'add', field: 'cc', address: 'BOB@ACME.example' }, { op: 'add', field: 'cc', address: 'ann@acme.example' }]));
    expect(r.events).toEqual([]);
    expect(r.ticket).toBe(t);
  });

  it('D5: re-adding someone already there is a no-op even after they were denylisted (D2) or by a light agent', () => {
    const t = opened('ann@acme.example', ['x@spam.example']);
    const denied = must(t, edit([{ op: 'add', field: 'cc', address: 'x@spam.example' }]), contextWith({ denylist: ['spam.example'] }));
    expect([denied.events, denied.ticket]).toEqual([[], t]);
    expect(must(t, edit([{ op: 'add', field: 'cc', address: 'x@spam.example' }], lightAgent)).events).toEqual([]);
  });

  it('A4: precedence requester > CC > BCC', () => {
    let t = opened('ann@acme.example', ['bob@acme.example']);
    t = must(t, edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }])).ticket!;
    expect(refused(t, edit([{ op: 'add', field: 'bcc', address: 'bob@acme.example' }]))[0]?.code).toBe('role-conflict');
    t = must(t, edit([{ op: 'add', field: 'cc', address: 'mia@desk.example' }])).ticket!;
    expect([addresses(t.ccs), addresses(t.bccs)]).toEqual([['bob@acme.example', 'mia@desk.example'], []]);
    t = must(t, edit([{ op: 'set-requester', address: 'bob@acme.example' }])).ticket!;
    expect([t.requester?.address, addresses(t.ccs)]).toEqual(['bob@acme.example', ['mia@desk.example']]);
  });

  it('A4: an agent may be both follower and CC', () => {
    const t = must(opened(), edit([{ op: 'add', field: 'cc', address: 'otto@desk.example' }, { op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    expect([addresses(t.ccs), addresses(t.followers)]).toEqual([['otto@desk.example'], ['otto@desk.example']]);
  });
});

describe('E1/E2: history', () => {
  it('E1: each change is one event naming what, the field, the address, who, why and when', () => {
    const r = must(opened('ann@acme.example', ['bob@acme.example']), edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }, { op: 'add', field: 'bcc', address: 'mia@desk.example' }]));
    expect(r.events).toEqual([
      expect.objectContaining({ v: 2, type: 'removed', field: 'cc', mailbox: expect.objectContaining({ address: 'bob@acme.example' }), by: agent, cause: 'agent-edit', at: expect.any(String) }),
      expect.objectContaining({ v: 2, type: 'added', field: 'bcc', mailbox: expect.objectContaining({ address: 'mia@desk.example' }), by: agent, cause: 'agent-edit' }),
    ]);
  });

  it('E2: folding the whole log over an empty ticket gives the ticket', () => {
    const open = must(null, { type: 'receive-email', messageId: '<1@x>', newTicketId: 'T-9', at: 't0', from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }, contextWith());
    const step = must(open.ticket, edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }, { op: 'set-requester', address: 'bob@acme.example' }]));
    expect(fold([...open.events, ...step.events])).toEqual(step.ticket);
  });
});
