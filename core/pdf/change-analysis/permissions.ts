/**
 * What the signatures in force at a revision allow later (ISO 32000-2, 12.8.2): the certification level of a
 * DocMDP signature (/Perms /DocMDP; P 1 no changes, 2 form filling and signing, 3 also annotations) and the fields
 * locked by FieldMDP transforms and /Lock dictionaries of signed fields.
 */
import { PdfDict, PdfRef, PdfString, isDict, nameOf, type PdfObject } from '../objects.js';
import { decodePdfTextString } from '../text-string.js';
import type { RevisionView } from './revision-view.js';

export type DocMdpLevel = 1 | 2 | 3;

export interface FieldLock {
  action: 'All' | 'Include' | 'Exclude';
  /** Full field names. */
  fields: string[];
}

export interface ChangePermissions {
  /** Certification level, or null for a document with approval signatures only. */
  docMdp: DocMdpLevel | null;
  locks: FieldLock[];
}

/** Reference dictionaries read per signature; real ones hold one or two. */
const MAX_REFERENCES = 16;

/** True when a lock covers the field `name` (or an ancestor of it: locking a field locks its kids). */
export function isFieldLocked(permissions: ChangePermissions, name: string): boolean {
  const named = (lock: FieldLock): boolean => lock.fields.some((f) => name === f || name.startsWith(`${f}.`));
  return permissions.locks.some((lock) => lock.action === 'All' || (lock.action === 'Include' ? named(lock) : !named(lock)));
}

async function transformParams(view: RevisionView, signature: PdfDict, method: 'DocMDP' | 'FieldMDP'): Promise<PdfDict[]> {
  const references = await view.resolve(signature.get('Reference'));
  if (!Array.isArray(references)) return [];
  const found: PdfDict[] = [];
  for (const item of references.slice(0, MAX_REFERENCES)) {
    const reference = await view.resolve(item);
    if (!isDict(reference) || nameOf(reference.get('TransformMethod')) !== method) continue;
    const params = await view.resolve(reference.get('TransformParams'));
    found.push(isDict(params) ? params : new PdfDict());
  }
  return found;
}

/** A FieldMDP TransformParams or /Lock dictionary as a lock; an unreadable one locks everything (doubt). */
async function lockOf(view: RevisionView, params: PdfDict): Promise<FieldLock> {
  const action = nameOf(params.get('Action'));
  const fields = await view.resolve(params.get('Fields'));
  const names = Array.isArray(fields) ? fields.filter((f): f is PdfString => f instanceof PdfString).map((f) => decodePdfTextString(f.bytes)) : [];
  if (action === 'Include' || action === 'Exclude') return { action, fields: names };
  return { action: 'All', fields: [] };
}

/** The DocMDP level from the catalog's /Perms at this revision (P defaults to 2). */
async function docMdpLevel(view: RevisionView, catalog: PdfDict): Promise<DocMdpLevel | null> {
  const perms = await view.resolve(catalog.get('Perms'));
  if (!isDict(perms)) return null;
  const certification = await view.resolve(perms.get('DocMDP'));
  if (!isDict(certification)) return null;
  let level: DocMdpLevel | null = null;
  for (const params of await transformParams(view, certification, 'DocMDP')) {
    const p = await view.resolve(params.get('P'));
    const value: DocMdpLevel = p === 1 || p === 3 ? p : 2;
    level = level === null ? value : (Math.min(level, value) as DocMdpLevel);
  }
  // A /Perms /DocMDP entry without a readable transform still certifies: the default is P 2.
  return level ?? 2;
}

/**
 * Permissions in force at `view`'s revision. Signature fields are found through /AcroForm /Fields (bounded by the
 * field limit); a signed field's FieldMDP transforms and /Lock dictionary lock fields for every later revision.
 */
export async function readChangePermissions(view: RevisionView): Promise<ChangePermissions> {
  const catalog = await view.catalog();
  const docMdp = await docMdpLevel(view, catalog);
  const locks: FieldLock[] = [];
  const acroForm = await view.resolve(catalog.get('AcroForm'));
  const top = isDict(acroForm) ? await view.resolve(acroForm.get('Fields')) : null;
  if (!Array.isArray(top)) return { docMdp, locks };

  const limits = view.doc.limits;
  const seen = new Set<number>();
  let count = 0;
  const stack: { item: PdfObject; type: string | null; depth: number }[] = top.map((item) => ({ item, type: null, depth: 1 }));
  while (stack.length > 0 && count < limits.maxFields) {
    const { item, type, depth } = stack.pop()!;
    if (depth > limits.maxTreeDepth) continue;
    if (item instanceof PdfRef) {
      if (seen.has(item.num)) continue;
      seen.add(item.num);
    }
    count++;
    const field = await view.resolve(item);
    if (!isDict(field)) continue;
    const fieldType = nameOf(field.get('FT')) ?? type;
    const value = await view.resolve(field.get('V'));
    if (fieldType === 'Sig' && isDict(value)) {
      for (const params of await transformParams(view, value, 'FieldMDP')) locks.push(await lockOf(view, params));
      const lock = await view.resolve(field.get('Lock'));
      if (isDict(lock)) locks.push(await lockOf(view, lock));
    }
    const kids = await view.resolve(field.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) stack.push({ item: kid, type: fieldType, depth: depth + 1 });
  }
  return { docMdp, locks };
}
