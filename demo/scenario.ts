// A help-desk conversation from the seeds, played through the library and printed as a timeline.
import {
  createDirectory,
  describe,
  formatAddressList,
  formatMailbox,
  handle,
  presets,
  type Command,
  type Ticket,
  type TicketEvent,
} from '../src/index.js';

const settings = { ...presets.omnidesk, supportAddresses: ['support@desk.example', 'reply+*@in.desk.example'] };
const directory = createDirectory([
  { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate (support)' },
  { address: 'mia@desk.example', kind: 'admin', id: 'mia', name: 'Mia (manager)' },
]);
const context = { settings, directory };

export interface DemoStep {
  readonly title: string;
  readonly lines: readonly string[];
}

function recipients(ticket: Ticket): string[] {
  const list = (xs: readonly { address: string; name: string | null }[]) => (xs.length === 0 ? '—' : formatAddressList(xs));
  return [
    `    To:  ${ticket.requester ? formatMailbox(ticket.requester) : '—'}`,
    `    Cc:  ${list(ticket.ccs)}`,
    `    Bcc: ${list(ticket.bccs)}`,
  ];
}

/** Plays the scenario and returns what happened, step by step. */
export function playDemo(): DemoStep[] {
  const steps: DemoStep[] = [];
  const logs = new Map<string, TicketEvent[]>();
  let ticket: Ticket | null = null;

  const run = (title: string, command: Command, on: Ticket | null = ticket): Ticket | null => {
    const result = handle(on, command, context);
    if (!result.ok) {
      steps.push({ title, lines: result.error.map((issue) => `  refused: ${issue.code}: ${issue.message}`) });
      return on;
    }
    const { ticket: next, events, issues, splitTicket, split } = result.value;
    const lines = events.map((e) => `  • ${describe(e)}`);
    for (const issue of issues) lines.push(`  ! ${issue.code}: ${issue.message}`);
    if (next) {
      logs.set(next.id, [...(logs.get(next.id) ?? []), ...events]);
      lines.push(`  ticket ${next.id}:`, ...recipients(next));
    }
    if (split && splitTicket) {
      logs.set(split.ticketId, [...split.events]);
      lines.push(`  new ticket ${split.ticketId}:`, ...split.events.map((e) => `  • ${describe(e)}`), ...recipients(splitTicket));
    }
    steps.push({ title, lines });
    return next;
  };

  ticket = run('A customer writes in, with a colleague in CC', {
    type: 'receive-email',
    messageId: '<m1@acme.example>',
    newTicketId: 'T-1',
    at: '2026-03-02T09:00:00Z',
    from: 'Ann Lee <ann@acme.example>',
    to: 'ACME Support <support@desk.example>',
    cc: '"Roe, Bob" <bob@acme.example>',
  });

  ticket = run('Kate, the agent, puts her manager in BCC', {
    type: 'edit-recipients',
    changes: [{ op: 'add', field: 'bcc', address: 'Mia <mia@desk.example>' }],
    by: { kind: 'agent', id: 'kate' },
    at: '2026-03-02T09:05:00Z',
  });

  ticket = run('Mia, in BCC, answers the agent alone: an internal note (F6)', {
    type: 'receive-email',
    messageId: '<m2@desk.example>',
    at: '2026-03-02T09:20:00Z',
    from: 'Mia <mia@desk.example>',
    to: 'reply+4711@in.desk.example',
  });

  ticket = run('Ann replies without Bob and asks something new: a notice (F3)', {
    type: 'receive-email',
    messageId: '<m3@acme.example>',
    at: '2026-03-02T10:00:00Z',
    from: 'Ann Lee <ann@acme.example>',
    to: 'support@desk.example',
  });

  const notice = ticket?.notices.find((n) => n.resolved === null);
  if (ticket && notice) {
    ticket = run('Kate splits the new question into its own ticket (F10)', {
      type: 'resolve-notice',
      noticeId: notice.id,
      resolution: 'split',
      newTicketId: 'T-2',
      by: { kind: 'agent', id: 'kate' },
      at: '2026-03-02T10:05:00Z',
    });
  }

  ticket = run('Kate tries to add a support address as CC: refused (A5)', {
    type: 'edit-recipients',
    changes: [{ op: 'add', field: 'cc', address: 'support@desk.example' }],
    by: { kind: 'agent', id: 'kate' },
    at: '2026-03-02T10:10:00Z',
  });

  return steps;
}

export function renderDemo(steps: readonly DemoStep[]): string {
  return steps.map((s, i) => `${i + 1}. ${s.title}\n${s.lines.join('\n')}`).join('\n\n');
}
