// A help-desk conversation as Omnidesk's articles on Cc/Bcc and the recipients-changed notice describe
// it: real .eml files parsed by postal-mime, agent edits and comments, a rule, notices and their
// resolutions, and the delivery plan of every comment. Rule ids in titles (F3, A5, …) are explained in
// docs/behaviour.md.
import { fileURLToPath } from 'node:url';
import {
  createDirectory,
  describeEvent,
  explainDecision,
  handle,
  prepareContext,
  presets,
  reasonInEnglish,
  reasonOfIssue,
  reasonsOf,
  type Command,
  type DeliveryPlan,
  type Reason,
  type Ticket,
  type TicketEvent,
} from '../src/index.js';
import { readEml } from './read-eml.js';

const mail = (name: string): string => fileURLToPath(new URL(`./mail/${name}`, import.meta.url));

const settings = { ...presets.omnidesk, supportAddresses: ['support@desk.example', 'reply+*@in.desk.example'] };
const context = prepareContext({
  settings,
  directory: createDirectory([
    { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate (support)' },
    { address: 'mia@desk.example', kind: 'admin', id: 'mia', name: 'Mia (manager)' },
    { address: 'otto@desk.example', kind: 'agent', id: 'otto', name: 'Otto (billing)' },
  ]),
  // Omnidesk's Cc and Bcc article ends with rules on a ticket's recipients (G1, G2).
  rules: [
    { id: 'billing-follows-acme', title: 'Billing follows ACME tickets', active: true, conditions: { all: [{ type: 'requester-in-domain', domain: 'acme.example' }, { type: 'update-is', kind: 'new-ticket' }] }, actions: [{ type: 'add-follower', address: 'otto@desk.example' }] },
  ],
});
const kate = { kind: 'agent', id: 'kate' } as const;

export interface DemoStep {
  readonly title: string;
  readonly lines: readonly string[];
}

const person = (m: { address: string; name: string | null }) => (m.name ? `${m.name} <${m.address}>` : m.address);

function recipients(ticket: Ticket): string[] {
  const list = (xs: readonly { address: string; name: string | null }[]) => (xs.length === 0 ? '—' : xs.map(person).join(', '));
  return [`    To: ${ticket.requester ? person(ticket.requester) : '—'} | Cc: ${list(ticket.ccs)} | Bcc: ${list(ticket.bccs)} | Followers: ${list(ticket.followers)}`];
}

// Issue 14: every line that reports a decision says why, with the rule ids of docs/behaviour.md.
const ids = (reasons: readonly Reason[]): string => (reasons.length === 0 ? '' : ` [${[...new Set(reasons.map((r) => r.rule))].join(', ')}]`);
const eventLine = (e: TicketEvent): string => `  • ${describeEvent(e)}${ids(reasonsOf(e))}`;

function planLines(plan: DeliveryPlan): string[] {
  const left = plan.leftOut.map((l) => `    left out: ${l.mailbox.address} (${l.reason}) because ${l.reasons.map((r) => reasonInEnglish(r)).join(', and ')}${ids(l.reasons)}`);
  if (plan.messages.length === 0) return ['    deliver: nothing', ...left];
  return [
    ...plan.messages.map((m) => `    deliver ${m.kind}: headers To "${m.headers.to}" Cc "${m.headers.cc}" → envelope ${m.envelope.map((e) => e.address).join(', ')}${m.carries.conversation === 'public' ? ' (with the public conversation)' : ''}`),
    ...left,
  ];
}

/** Plays the scenario and returns what happened, step by step. */
export async function playDemo(): Promise<DemoStep[]> {
  const steps: DemoStep[] = [];
  const tickets = new Map<string, Ticket>();

  const run = (title: string, command: Command, ticketId: string | null): Ticket | null => {
    const on = ticketId === null ? null : (tickets.get(ticketId) ?? null);
    const result = handle(on, command, context);
    if (!result.ok) {
      const because = (issue: (typeof result.error)[number]) => (issue.field === undefined ? '' : ` — because ${reasonInEnglish(reasonOfIssue(issue, settings))}${ids([reasonOfIssue(issue, settings)])}`);
      steps.push({ title, lines: result.error.map((issue) => `  refused: ${issue.code}: ${issue.message}${because(issue)}`) });
      return on;
    }
    const { ticket, events, issues, split, splitTicket, plans, merged, email } = result.value;
    const lines = events.map(eventLine);
    // What would change it (decided again with each other value of the settings the reasons name).
    for (const a of explainDecision(on, command, context).alternatives) {
      if (a.visibility !== (result.value.comment?.visibility ?? null) || a.participantsChange) lines.push(`  would change it: ${a.sentence}`);
    }
    const reason = email?.classification.reason;
    if (reason) lines.push(`  classified: ${email.classification.kind} (${reason.header}: ${reason.value})`);
    for (const issue of issues) lines.push(`  ! ${issue.code}: ${issue.message}`);
    if (ticket) {
      tickets.set(ticket.id, ticket);
      lines.push(`  ticket ${ticket.id}:`, ...recipients(ticket));
      // B9: the plans the command made necessary: its comment's delivery, or a released reply's.
      for (const p of plans) lines.push(...planLines(p));
    }
    if (merged && result.value.mergedTicket) {
      tickets.set(merged.ticketId, result.value.mergedTicket);
      lines.push(`  ticket ${merged.ticketId}:`, ...merged.events.map(eventLine));
    }
    if (split && splitTicket) {
      tickets.set(split.ticketId, splitTicket);
      lines.push(`  new ticket ${split.ticketId}:`, ...split.events.map(eventLine), ...recipients(splitTicket));
    }
    steps.push({ title, lines });
    return ticket;
  };

  run('Ann writes in with Bob, a colleague, in Cc (01-ann-writes-in.eml)', { ...(await readEml(mail('01-ann-writes-in.eml'))), newTicketId: 'T-1' }, null);
  run('Kate puts Mia, her manager, in Bcc', { type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'Mia Müller <mia@desk.example>' }], by: kate, at: '2026-03-02T09:05:00+01:00' }, 'T-1');
  run('Kate answers: a public reply', { type: 'write-comment', commentId: 'reply-1', visibility: 'public', by: kate, at: '2026-03-02T09:10:00+01:00' }, 'T-1');
  run('Kate leaves an internal note', { type: 'write-comment', commentId: 'note-1', visibility: 'internal', by: kate, at: '2026-03-02T09:12:00+01:00' }, 'T-1');
  run('Mia, in Bcc, answers the agent alone: an internal note (F6)', await readEml(mail('02-mia-answers-the-agent.eml')), 'T-1');
  const dropped = run('Ann replies without Bob and asks something new: a notice (F3)', await readEml(mail('03-ann-drops-bob.eml')), 'T-1');
  const notice = dropped?.notices.find((n) => n.kind === 'recipients-changed');
  if (notice) run('Kate splits the new question into its own ticket (F10)', { type: 'resolve-notice', noticeId: notice.id, resolution: 'split', newTicketId: 'T-2', by: kate, at: '2026-03-02T10:20:00+01:00' }, 'T-1');
  const forwarded = run('A partner Ann forwarded the thread to replies: a third party (F8)', await readEml(mail('04-forwarded-to-a-partner.eml')), 'T-1');
  const third = forwarded?.notices.find((n) => n.kind === 'third-party-reply');
  if (third) run('Kate adds the partner as CC, which makes the reply public (F10)', { type: 'resolve-notice', noticeId: third.id, resolution: 'add-as-cc', by: kate, at: '2026-03-02T11:05:00+01:00' }, 'T-1');
  run('Ann is away: her out-of-office reply to Kate changes nobody and raises no notice (F11)', await readEml(mail('05-ann-is-away.eml')), 'T-1');
  // The caller reads Final-Recipient from the report (parsing bounce bodies is its job) and passes it on.
  run('A bounce for an old address of Ann\'s: kept as a note, nobody changes (F11, H1)', await readEml(mail('06-bounce.eml'), { failedRecipients: ['ann.lee.old@acme.example'] }), 'T-1');
  run('Kate tries to add a support address as CC: refused (A5)', { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'support@desk.example' }], by: kate, at: '2026-03-02T11:10:00+01:00' }, 'T-1');
  // Participants over time (H1–H4): docs/participants.md.
  run('Bob asks to hear no more of this ticket: Kate mutes him (H2)', { type: 'edit-recipients', changes: [{ op: 'mute', address: 'bob@acme.example' }], by: kate, at: '2026-03-02T11:20:00+01:00' }, 'T-1');
  run('Kate answers with ACME’s lawyer in Cc for this reply only (H3)', { type: 'write-comment', commentId: 'reply-2', visibility: 'public', by: kate, at: '2026-03-02T11:30:00+01:00', recipients: { cc: ['Lee Law <lee@law.example>'] } }, 'T-1');
  run('Pat’s mailbox bounces: Pat is undeliverable (H1)', { type: 'receive-email', messageId: '<dsn-1@mx.integrator.example>', at: '2026-03-02T11:31:00+01:00', from: 'MAILER-DAEMON@mx.integrator.example', to: 'support@desk.example', failedRecipients: ['pat@integrator.example'] }, 'T-1');
  run('Sam, Ann’s colleague, writes in about the same problem', { type: 'receive-email', messageId: '<sam-1@acme.example>', newTicketId: 'T-3', at: '2026-03-02T11:40:00+01:00', from: 'Sam <sam@acme.example>', to: 'support@desk.example' }, null);
  const sam = tickets.get('T-3');
  if (sam) run('Kate merges Sam’s ticket into Ann’s (H4)', { type: 'merge-tickets', source: sam, by: kate, at: '2026-03-02T11:45:00+01:00' }, 'T-1');
  run('Kate answers everyone: Bob is muted, Pat undeliverable, Sam now in Cc', { type: 'write-comment', commentId: 'reply-3', visibility: 'public', by: kate, at: '2026-03-02T11:50:00+01:00' }, 'T-1');
  return steps;
}

export function renderDemo(steps: readonly DemoStep[]): string {
  return steps.map((s, i) => `${i + 1}. ${s.title}\n${s.lines.join('\n')}`).join('\n\n');
}
