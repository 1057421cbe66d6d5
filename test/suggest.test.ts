import { describe, expect, it } from 'vitest';
import { createDirectory, suggest } from '../src/index.js';
import { contextWith, opened } from './support/tickets.js';

describe('C2: suggestions compare addresses as the help desk does', () => {
  const caseSensitive = contextWith({ caseSensitiveLocalPart: true });
  const people = createDirectory(
    [
      { address: 'Bob@acme.example', kind: 'end-user', name: 'Bob Roe' },
      { address: 'bob@acme.example', kind: 'end-user', name: 'Other Bob' },
    ],
    { caseSensitiveLocalPart: true },
  );

  it('C2: with caseSensitiveLocalPart, a CC already on the ticket is not offered again from the directory', () => {
    const ticket = opened('ann@acme.example', ['Bob@acme.example'], caseSensitive);
    expect(ticket.ccs.map((m) => m.key)).toEqual(['Bob@acme.example']);
    const offered = suggest(ticket, 'bob', people, { field: 'cc', caseSensitiveLocalPart: true });
    // Bob@ is on the ticket; bob@ is another mailbox when local parts are case-sensitive.
    expect(offered.map((s) => s.address)).toEqual(['bob@acme.example']);
    expect(offered.map((s) => s.source)).toEqual(['directory']);
  });

  it('C2: with caseSensitiveLocalPart, a remembered address and its directory entry are offered once', () => {
    const ticket = opened('ann@acme.example', ['Bob@acme.example'], caseSensitive);
    const offered = suggest(ticket, 'bob', people, { field: 'bcc', caseSensitiveLocalPart: true });
    expect(offered.map((s) => [s.address, s.source])).toEqual([
      ['Bob@acme.example', 'ticket'],
      ['bob@acme.example', 'directory'],
    ]);
  });

  it('C2: by default local parts compare case-insensitively, so neither spelling is offered for the field it is in', () => {
    const ticket = opened('ann@acme.example', ['Bob@acme.example']);
    expect(suggest(ticket, 'bob', people, { field: 'cc' })).toEqual([]);
  });
});
