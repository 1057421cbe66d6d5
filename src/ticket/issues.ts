import type { Issue } from '../issue/issue.js';

/** Why a change to a ticket's recipients was refused. Branch on `code`; `field` says which role. */
export type RecipientIssue = Issue<
  | 'invalid-address'
  | 'control-character'
  | 'not-a-string'
  | 'too-many-addresses'
  | 'expected-one-address'
  | 'too-long'
  | 'too-deep'
  | 'too-complex'
  | 'unsafe-character'
  | 'denylisted'
  | 'support-address'
  | 'not-permitted'
  | 'cc-limit-exceeded'
  | 'bcc-disabled'
  | 'followers-disabled'
  | 'ccs-disabled'
  | 'not-an-agent'
  | 'role-conflict'
  | 'invalid-command'
>;

export { fieldLabel } from '../policy/admission.js';
