// Every decision explains itself: the rule, the setting, the header; and what another value would have done.
import { describe, expect, it } from 'vitest';
import { explainDecision, handle, presets, type Command, type Settings, type Ticket } from '../src/index.js';
import { directory, email, must } from './support/tickets.js';

const SUPPORT = ['support@desk.example'];
const contextFor = (preset: Settings, extra: Partial<Settings> = {}) => ({ settings: { ...preset, supportAddresses: SUPPORT, ...extra }, directory });

function ticket(preset: Settings): Ticket {
  return must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example' }), newTicketId: 'T-1' } as never, contextFor(preset)).ticket!;
}

const ccWithoutRequester: Command = email({ from: 'bob@acme.example', to: 'support@desk.example' });
const dropsACc: Command = email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' });
const outOfOffice: Command = { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), headers: { 'Auto-Submitted': 'auto-replied' } } as Command;

describe('reasons per preset (pinned)', () => {
  it.each([
    ['omnidesk', presets.omnidesk, ccWithoutRequester, 'F4', 'public'],
    ['zendesk', presets.zendesk, ccWithoutRequester, 'F4', 'private'],
    // servicecamp takes no CCs by email, so the copied colleague never became a CC: a third party.
    ['servicecamp', presets.servicecamp, ccWithoutRequester, 'F8', 'internal'],
    ['omnidesk', presets.omnidesk, dropsACc, 'F3', 'notify'],
    // F3: the reply is public whatever onDroppedRecipients says; the removal it caused (F9) names the setting.
    ['zendesk', presets.zendesk, dropsACc, 'F3', undefined],
    ['zendesk', presets.zendesk, outOfOffice, 'F11', 'internal'],
  ] as const)('%s: the rule and the setting that decided', (_name, preset, command, rule, value) => {
    const why = explainDecision(ticket(preset), command, contextFor(preset));
    expect(why.visibility?.rule).toBe(rule);
    expect(why.visibility?.setting?.value).toBe(value);
  });

  it('F11: the header that made a message machine mail is named', () => {
    const why = explainDecision(ticket(presets.zendesk), outOfOffice, contextFor(presets.zendesk));
    expect(why.classification).toMatchObject({ rule: 'F11', header: { name: 'auto-submitted', value: 'auto-replied' } });
  });
});

describe('what would change it, checked by deciding again', () => {
  it('F4: under Zendesk a CC\'s reply without the requester is private; "public" would have made it public', () => {
    const t = ticket(presets.zendesk);
    const why = explainDecision(t, ccWithoutRequester, contextFor(presets.zendesk));
    const publicAlt = why.alternatives.find((a) => a.value === 'public');
    expect(publicAlt?.visibility).toBe('public');
    expect(publicAlt?.sentence).toBe('with ccReplyWithoutRequester: "public" this reply would have been public');
    // The alternative is what handle does with that value.
    const again = handle(t, ccWithoutRequester, contextFor(presets.zendesk, { ccReplyWithoutRequester: 'public' }));
    expect(again.ok && again.value.comment?.visibility).toBe(publicAlt?.visibility);
  });

  it('F3: under Omnidesk a dropped CC raises a notice; "apply" would have changed the participants', () => {
    const t = ticket(presets.omnidesk);
    const why = explainDecision(t, dropsACc, contextFor(presets.omnidesk));
    const apply = why.alternatives.find((a) => a.value === 'apply');
    expect(apply?.participantsChange).toBe(true);
    const again = handle(t, dropsACc, contextFor(presets.omnidesk, { onDroppedRecipients: 'apply' }));
    expect(again.ok && again.value.ticket?.ccs.map((m) => m.address)).toEqual(['bob@acme.example']);
    expect(why.alternatives.find((a) => a.value === 'keep')?.participantsChange).toBe(false);
  });

  it('a refused command explains nothing rather than guessing', () => {
    expect(explainDecision(ticket(presets.omnidesk), { type: 'write-comment', commentId: '', visibility: 'public', by: { kind: 'agent', id: 'kate' }, at: 't' }, contextFor(presets.omnidesk))).toEqual({ classification: null, visibility: null, alternatives: [], refusals: [] });
  });

  it('D1, D2: what an inbound message brought and policy kept out, each with its rule and setting', () => {
    const context = contextFor(presets.omnidesk, { ccLimit: 3, denylist: ['no-reply*@*'] });
    const t = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example' }), newTicketId: 'T-1' } as never, context).ticket!;
    const why = explainDecision(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example, dan@acme.example, erin@acme.example, no-reply@shop.example' }), context);
    expect(why.refusals.map((r) => [r.input, r.reason.rule, r.reason.setting?.name])).toEqual([
      ['erin@acme.example', 'D1', 'ccLimit'],
      ['no-reply@shop.example', 'D2', 'denylist'],
    ]);
  });
});
