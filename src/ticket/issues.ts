import type { AddressIssue } from '../address/types.js';
import type { RecipientField } from './types.js';

/** Why a change to a ticket's recipients was refused. Branch on `code`. */
export interface RecipientIssue {
  readonly code:
    | AddressIssue['code']
    | 'denylisted'
    | 'support-address'
    | 'not-permitted'
    | 'cc-limit-exceeded'
    | 'bcc-disabled'
    | 'followers-disabled'
    | 'ccs-disabled'
    | 'not-an-agent'
    | 'role-conflict'
    | 'invalid-command';
  readonly message: string;
  /** The offending input: the address text, or the command. */
  readonly input: unknown;
  readonly field?: RecipientField | 'requester';
}

export const fieldLabel = (field: RecipientField | 'requester'): string =>
  field === 'cc' ? 'CC' : field === 'bcc' ? 'BCC' : field;
