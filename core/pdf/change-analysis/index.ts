/** core/pdf/change-analysis: what later revisions did to each signed revision of a PDF, classified. */
export { analyzeChanges, type ChangeAnalysisOptions, type ChangeFinding, type SignatureChanges } from './analyze-changes.js';
export type { DocMdpLevel } from './permissions.js';
export { CHANGE_ANALYSIS_MESSAGES } from './codes.js';
