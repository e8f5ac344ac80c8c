/**
 * Interactive form fields (ISO 32000-2, 12.7): the /AcroForm /Fields tree with inherited /FT and dotted full names.
 * Signature fields are terminal fields of type /Sig; their /V is the signature dictionary.
 */
import { ImzalaError } from '../errors.js';
import { isLocalDamage, type PdfDocument } from './document.js';
import { pagesOf } from './page-tree.js';
import { PdfDict, PdfRef, PdfString, isDict, nameOf, type PdfObject } from './objects.js';
import { decodePdfTextString } from './text-string.js';

export interface FormField {
  /** Full dotted name (partial /T names from the root down); '' when no node on the path has a /T. */
  fullName: string;
  /** The field's own indirect reference, or null for a direct dictionary. */
  ref: PdfRef | null;
  dict: PdfDict;
  /** /FT, inherited from ancestors when absent. */
  fieldType: string | null;
}

export interface FormFieldsResult {
  fields: FormField[];
  /** Problems met on the way (an unreadable kid, a loop); the rest of the tree is still read. */
  warnings: { code: string; detail?: string }[];
}

/**
 * Every node with a partial name (/T) or at the top level of /Fields, depth first, in document order.
 * `decodeNames` is false for encrypted files, whose strings cannot be read (names are then '').
 */
export async function collectFormFields(doc: PdfDocument, catalog: PdfDict, decodeNames = true): Promise<FormFieldsResult> {
  const result: FormFieldsResult = { fields: [], warnings: [] };
  const acroForm = await doc.resolve(catalog.get('AcroForm'));
  if (!isDict(acroForm)) return result;
  const top = await doc.resolve(acroForm.get('Fields'));
  if (!Array.isArray(top)) return result;
  const visited = new Set<string>();
  let count = 0;

  const visit = async (item: PdfObject, parentName: string, inheritedType: string | null, depth: number, isTop: boolean): Promise<void> => {
    if (depth > doc.limits.maxTreeDepth) {
      throw new ImzalaError('PDF_NESTING_TOO_DEEP', 'the form field tree is nested too deeply', { maxTreeDepth: doc.limits.maxTreeDepth });
    }
    if (++count > doc.limits.maxFields) {
      throw new ImzalaError('PDF_TOO_MANY_FIELDS', 'the form has too many fields', { maxFields: doc.limits.maxFields });
    }
    const ref = item instanceof PdfRef ? item : null;
    if (ref) {
      const key = `${ref.num} ${ref.gen}`;
      if (visited.has(key)) {
        result.warnings.push({ code: 'PDF_FIELD_LOOP', detail: key });
        return;
      }
      visited.add(key);
    }
    let dict: PdfObject;
    try {
      dict = await doc.resolve(item);
    } catch (e) {
      if (!isLocalDamage(e)) throw e;
      result.warnings.push({ code: 'PDF_FIELD_UNREADABLE', detail: `${ref ?? 'direct field'}: ${e.code}` });
      return;
    }
    if (!isDict(dict)) return;
    const partial = dict.get('T');
    let name = parentName;
    if (partial instanceof PdfString) {
      const text = decodeNames ? decodePdfTextString(partial.bytes) : '';
      name = parentName === '' ? text : `${parentName}.${text}`;
    }
    const fieldType = nameOf(dict.get('FT')) ?? inheritedType;
    if (partial instanceof PdfString || isTop) result.fields.push({ fullName: name, ref, dict, fieldType });
    const kids = await doc.resolve(dict.get('Kids'));
    if (Array.isArray(kids)) {
      for (const kid of kids) await visit(kid, name, fieldType, depth + 1, false);
    }
  };

  for (const item of top) await visit(item, '', null, 1, true);
  return result;
}

/**
 * Signature fields reachable only through a page's /Annots, not through /AcroForm /Fields. Such files exist (some
 * writers forget /Fields); other readers show these signatures, so a verifier must not miss them. Reads every page
 * object once (bounded by the object and field limits); `known` holds the field objects already found.
 */
export async function collectSignatureWidgetsOutsideForm(
  doc: PdfDocument,
  catalog: PdfDict,
  known: ReadonlySet<string>,
  decodeNames = true,
): Promise<FormField[]> {
  const found: FormField[] = [];
  const seen = new Set(known);
  let count = 0;
  for await (const page of pagesOf(doc, catalog)) {
    const annots = await doc.resolve(page.dict.get('Annots'));
    if (!Array.isArray(annots)) continue;
    for (const annot of annots) {
      if (++count > doc.limits.maxFields) {
        throw new ImzalaError('PDF_TOO_MANY_FIELDS', 'the pages have too many annotations', { maxFields: doc.limits.maxFields });
      }
      if (!(annot instanceof PdfRef)) continue;
      const widget = await doc.resolve(annot);
      if (!isDict(widget) || nameOf(widget.get('Subtype')) !== 'Widget') continue;
      // A widget without /T is a kid of the field that owns /V; a merged field-widget is the field itself.
      let fieldRef: PdfRef = annot;
      let field: PdfDict = widget;
      const parent = widget.get('Parent');
      if (!widget.has('T') && parent instanceof PdfRef) {
        const parentDict = await doc.resolve(parent);
        if (isDict(parentDict)) {
          fieldRef = parent;
          field = parentDict;
        }
      }
      const key = `${fieldRef.num} ${fieldRef.gen}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { fullName, fieldType } = await fieldIdentity(doc, field, decodeNames);
      if (fieldType === 'Sig' && field.has('V')) found.push({ fullName, ref: fieldRef, dict: field, fieldType });
    }
  }
  return found;
}

/** Full name and inherited /FT of a field, walking /Parent up (bounded). */
async function fieldIdentity(doc: PdfDocument, field: PdfDict, decodeNames: boolean): Promise<{ fullName: string; fieldType: string | null }> {
  const parts: string[] = [];
  let fieldType: string | null = null;
  let node: PdfObject = field;
  for (let depth = 0; depth <= doc.limits.maxTreeDepth && isDict(node); depth++) {
    const partial = node.get('T');
    if (partial instanceof PdfString) parts.unshift(decodeNames ? decodePdfTextString(partial.bytes) : '');
    fieldType ??= nameOf(node.get('FT'));
    node = await doc.resolve(node.get('Parent'));
  }
  return { fullName: parts.join('.'), fieldType };
}
