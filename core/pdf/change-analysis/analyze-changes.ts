/**
 * Change analysis, revision by revision (ISO 32000-2, 12.8.2; ETSI EN 319 142-1): for each signed revision, what
 * every later incremental update did, classified as none (further signatures, /DSS, document timestamps), permitted
 * (form filling, annotations and metadata, as far as the certification level and field locks allow) or
 * disallowed (page content, resources, the page tree, signed appearances, anything removed or not recognised).
 * Only the objects the later updates define are read, plus a bounded walk of the signed version when an object
 * cannot be placed from its own content.
 */
import { isImzalaError } from '../../errors.js';
import type { PdfDocument } from '../document.js';
import { isFieldLocked, readChangePermissions, type ChangePermissions, type DocMdpLevel } from './permissions.js';
import { RevisionDiff, type ChangeClass, type RevisionChange } from './revision-diff.js';
import { RevisionView } from './revision-view.js';

export interface ChangeFinding {
  code: string;
  /** The revision (1-based) whose update made the change. */
  revision: number;
  /** Objects concerned, as "12 0". */
  objects: string[];
  /** 1-based pages concerned; empty when the change is not tied to a page or the page was not found. */
  pages: number[];
  /** Whether this finding alone makes the modifications 'permitted' or 'disallowed'. */
  severity: 'permitted' | 'disallowed';
  detail?: string;
}

export interface SignatureChanges {
  modifications: 'none' | 'permitted' | 'disallowed';
  findings: ChangeFinding[];
  /** The certification level in force at the signed revision (null: approval signatures only). */
  docMdp: DocMdpLevel | null;
}

export interface ChangeAnalysisOptions {
  /** Objects one update may define before it is refused as TOO_MANY_CHANGES (default 50 000). */
  maxChangedObjects?: number;
  /** Objects read by the walk that places unexplained objects (default 100 000). */
  maxWalkObjects?: number;
}

type Verdict = { severity: 'permitted' | 'disallowed'; code: string } | null;

/** The rule for one change under the permissions of the signature asked about. */
function judge(change: ChangeClass, permissions: ChangePermissions): Verdict {
  const p = permissions.docMdp;
  const permitted = (code: string): Verdict => ({ severity: 'permitted', code });
  const disallowed = (code: string): Verdict => ({ severity: 'disallowed', code });
  switch (change.kind) {
    case 'none':
    case 'dss':
      return null;
    case 'metadata':
      // P 1 allows no change at all; PAdES exempts only validation data and document timestamps.
      return p === 1 ? disallowed('CERTIFIED_DOCUMENT_CHANGED') : permitted('METADATA_CHANGED');
    case 'signature':
      // A certified document with P 1 takes only validation data and document timestamps.
      if (p === 1 && !change.docTimeStamp) return disallowed('CERTIFIED_DOCUMENT_CHANGED');
      if (!change.newField && isFieldLocked(permissions, change.fieldName)) return disallowed('LOCKED_FIELD_CHANGED');
      // Sneaky Signature: a new signature field with a visible appearance can paint over a certified page.
      if (change.newField && change.visible && p === 2) return disallowed('SIGNATURE_FIELD_ADDED');
      if (change.newField && change.visible && p === 3) return permitted('VISIBLE_SIGNATURE_ADDED');
      return null;
    case 'form-fill':
      if (p === 1) return disallowed('CERTIFIED_DOCUMENT_CHANGED');
      // An unnamed form-wide change (/NeedAppearances) is locked as soon as any field is.
      if (change.fieldName === '' ? permissions.locks.length > 0 : isFieldLocked(permissions, change.fieldName)) return disallowed('LOCKED_FIELD_CHANGED');
      return permitted('FORM_FIELD_CHANGED');
    case 'form-add':
      return p === null ? permitted('FORM_FIELD_ADDED') : disallowed('FORM_FIELD_ADDED');
    case 'annotation': {
      const code = `ANNOTATION_${change.action.toUpperCase()}`;
      // Evil Annotation: P 1 and P 2 allow no annotations; P 3 and approval signatures allow them, reported.
      return p === 1 || p === 2 ? disallowed(code) : permitted(code);
    }
    case 'disallowed':
      return disallowed(change.code);
  }
}

/** Findings of one code in one revision merged into one, objects and pages united. */
function mergeFindings(findings: ChangeFinding[]): ChangeFinding[] {
  const merged = new Map<string, ChangeFinding>();
  for (const f of findings) {
    const key = `${f.revision}/${f.code}/${f.severity}`;
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...f, objects: [...f.objects], pages: [...f.pages] });
      continue;
    }
    for (const o of f.objects) if (!seen.objects.includes(o)) seen.objects.push(o);
    for (const p of f.pages) if (!seen.pages.includes(p)) seen.pages.push(p);
    if (f.detail && seen.detail !== f.detail && !(seen.detail ?? '').includes(f.detail)) {
      seen.detail = seen.detail ? `${seen.detail}; ${f.detail}` : f.detail;
    }
  }
  for (const f of merged.values()) f.pages.sort((a, b) => a - b);
  return [...merged.values()];
}

function unreadable(revision: number, detail: string): ChangeFinding {
  return { code: 'CHANGES_UNREADABLE', revision, objects: [], pages: [], severity: 'disallowed', detail };
}

/**
 * For each signed revision given (1-based, as PdfSignatureField.revision), what the later revisions did. A
 * revision that does not exist, or a file whose cross-reference data had to be rebuilt (its revisions cannot be
 * compared), gets a disallowed CHANGES_UNREADABLE finding: the analysis never reports "none" on doubt.
 */
export async function analyzeChanges(
  doc: PdfDocument,
  signedRevisions: number[],
  options: ChangeAnalysisOptions = {},
): Promise<Map<number, SignatureChanges>> {
  const limits = { maxChangedObjects: options.maxChangedObjects ?? 50_000, maxWalkObjects: options.maxWalkObjects ?? 100_000 };
  const last = doc.revisions.length;
  const comparable = doc.sections.length > 0 && !doc.reconstructed;
  const diffs = new Map<number, RevisionChange[]>();
  const result = new Map<number, SignatureChanges>();

  // Oldest signature first: each update is read once and its classes serve every signature before it.
  for (const signed of [...new Set(signedRevisions)].sort((a, b) => a - b)) {
    if (!Number.isSafeInteger(signed) || signed < 1 || signed > last) {
      result.set(signed, { modifications: 'disallowed', findings: [unreadable(signed, 'no such revision')], docMdp: null });
      continue;
    }
    if (signed === last) {
      // Nothing after it; the level is only informative here, so an unreadable one is left unknown.
      const level = comparable ? await readChangePermissions(new RevisionView(doc, signed)).catch((e: unknown) => {
            if (isImzalaError(e)) return null;
            throw e;
          }) : null;
      result.set(signed, { modifications: 'none', findings: [], docMdp: level?.docMdp ?? null });
      continue;
    }
    if (!comparable) {
      result.set(signed, { modifications: 'disallowed', findings: [unreadable(signed + 1, 'the cross-reference data was rebuilt')], docMdp: null });
      continue;
    }
    let permissions: ChangePermissions;
    const findings: ChangeFinding[] = [];
    try {
      permissions = await readChangePermissions(new RevisionView(doc, signed));
    } catch (e) {
      if (!isImzalaError(e)) throw e;
      // Unreadable permissions are read as the strictest ones.
      permissions = { docMdp: 1, locks: [{ action: 'All', fields: [] }] };
      findings.push(unreadable(signed, `the signed version's permissions: ${e.code}`));
    }
    for (let revision = signed + 1; revision <= last; revision++) {
      let changes = diffs.get(revision);
      if (!changes) {
        changes = await new RevisionDiff(doc, revision, limits).run();
        diffs.set(revision, changes);
      }
      for (const change of changes) {
        const verdict = judge(change.change, permissions);
        if (!verdict) continue;
        findings.push({
          code: verdict.code,
          revision,
          objects: change.objects,
          pages: change.pages,
          severity: verdict.severity,
          ...(change.detail ? { detail: change.detail } : {}),
        });
      }
    }
    const merged = mergeFindings(findings);
    const modifications = merged.some((f) => f.severity === 'disallowed') ? 'disallowed' : merged.length > 0 ? 'permitted' : 'none';
    result.set(signed, { modifications, findings: merged, docMdp: permissions.docMdp });
  }
  return result;
}
