/** Exit codes of the CLI: a stable interface (ARCHITECTURE.md). */
import type { DocumentStatus } from '../../core/report/report.js';

export const VERIFY_EXIT: Readonly<Record<DocumentStatus, number>> = {
  VALID: 0,
  VALID_WITH_WARNINGS: 0,
  INVALID: 1,
  INDETERMINATE: 2,
  UNSIGNED: 3,
};
export const EXIT_USAGE = 64;
export const EXIT_UNREADABLE = 65;
/** An unexpected internal error (a bug), as sysexits' EX_SOFTWARE. */
export const EXIT_INTERNAL = 70;
