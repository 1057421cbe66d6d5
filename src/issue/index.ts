export type { IssueCode, IssueData } from './codes.js';
export type { Issue, IssueBase, Path } from './issue.js';
export { formatPath } from './issue.js';
