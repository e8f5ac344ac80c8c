/**
 * What one incremental update did, object by object: every object its cross-reference section (re)defines or
 * frees is compared with the object as the previous revision had it, and each difference is given a class
 * (a further signature, a /DSS, form filling, an annotation, metadata, or a disallowed change with its code).
 * Whether a class is allowed depends on the signature asked about (certification level, field locks); that is
 * decided in analyze-changes.ts, so one update is read once for all signatures before it.
 */
import { isImzalaError } from '../../errors.js';
import type { PdfDocument } from '../document.js';
import { PdfDict, PdfRef, PdfStream, PdfString, isDict, nameOf, type PdfObject } from '../objects.js';
import { decodePdfTextString } from '../text-string.js';
import { XrefEntryType } from '../xref.js';
import { changedKeys, dictOf, sameObject, sameValue } from './object-equality.js';
import { findObjectUses, mainContext, pageNumberOf, pageRefs, type UseContext } from './object-uses.js';
import { RevisionView } from './revision-view.js';

export type ChangeClass =
  /** Structure that every further signature writes (form, field lists, /SigFlags, resources for new appearances). */
  | { kind: 'none' }
  | { kind: 'dss' }
  | { kind: 'metadata' }
  | { kind: 'signature'; fieldName: string; newField: boolean; visible: boolean; docTimeStamp: boolean }
  | { kind: 'form-fill'; fieldName: string }
  | { kind: 'form-add'; fieldName: string }
  | { kind: 'annotation'; action: 'added' | 'changed' | 'removed' }
  | { kind: 'disallowed'; code: string };

export interface RevisionChange {
  change: ChangeClass;
  /** "12 0" labels of the objects concerned. */
  objects: string[];
  /** 1-based pages concerned (empty when not tied to a page or not found). */
  pages: number[];
  detail?: string;
}

export interface RevisionDiffOptions {
  /** Objects one update may define before the analysis gives up (TOO_MANY_CHANGES). */
  maxChangedObjects: number;
  /** Objects the use-finding walk may read (see object-uses.ts). */
  maxWalkObjects: number;
}

type RootRole = 'annotation' | 'field' | 'acroform' | 'covered';
interface Root {
  num: number;
  role: RootRole;
  page: number | null;
  /** For 'acroform': the form dictionary the catalog had before (a writer may move a direct one into an object). */
  previous?: PdfDict;
}

interface Unplaced {
  num: number;
  gen: number;
  /** Code when the walk finds no more telling use. */
  fallback: string;
  detail?: string;
}

/** Keys a signature field may gain when an empty field is signed (/M: the widget's modification date). */
const SIGNING_KEYS = new Set(['V', 'AP', 'AS', 'DA', 'MK', 'M']);
/** Keys form filling changes: the value, the widget's appearance and its modification date. */
const FILL_KEYS = new Set(['V', 'AP', 'AS', 'M']);
/** /AcroForm keys a further signature may touch without changing anything shown. */
const FORM_STRUCTURE_KEYS = new Set(['SigFlags', 'DR', 'DA']);
/** Annotation flags that keep an annotation from being shown: Hidden (2), NoView (32). */
const HIDING_FLAGS = 2 | 32;

const label = (num: number, gen: number): string => `${num} ${gen}`;

function isContainer(value: PdfObject): boolean {
  if (!(value instanceof PdfStream)) return false;
  const type = nameOf(value.dict.get('Type'));
  return type === 'XRef' || type === 'ObjStm';
}

function isFieldOrWidget(dict: PdfDict): boolean {
  return dict.has('FT') || nameOf(dict.get('Subtype')) === 'Widget' || (dict.has('T') && (dict.has('Kids') || dict.has('Parent')));
}

function isAnnotation(dict: PdfDict): boolean {
  return dict.has('Subtype') && dict.has('Rect') && nameOf(dict.get('Subtype')) !== 'Widget';
}

/** Every indirect reference inside a direct value (not following them). */
function refsIn(value: PdfObject, out: PdfRef[] = [], depth = 0): PdfRef[] {
  if (depth > 64) return out;
  if (value instanceof PdfRef) out.push(value);
  else if (Array.isArray(value)) for (const v of value) refsIn(v, out, depth + 1);
  else {
    const dict = dictOf(value);
    if (dict) for (const [key, v] of dict.entries) if (key !== 'Parent' && key !== 'P') refsIn(v, out, depth + 1);
  }
  return out;
}

export class RevisionDiff {
  private readonly before: RevisionView;
  private readonly after: RevisionView;
  private readonly changes: RevisionChange[] = [];
  private readonly newObjects = new Map<number, number>();
  private readonly covered = new Set<number>();
  private readonly roots: Root[] = [];
  private readonly unplaced: Unplaced[] = [];
  /**
   * Changed objects let through as metadata or validation data: one object can serve two roles (an /Info
   * dictionary that is also a page's resources, a DSS stream that is also page content), so the walk checks that
   * the signed version showed none of them.
   */
  private readonly mustBeUnshown: { num: number; gen: number }[] = [];
  private pageList: PdfRef[] | null = null;

  constructor(
    readonly doc: PdfDocument,
    /** The revision whose update is read (2 or later). */
    readonly revision: number,
    private readonly options: RevisionDiffOptions,
  ) {
    this.before = new RevisionView(doc, revision - 1);
    this.after = new RevisionView(doc, revision);
  }

  /** The classified changes of the update. A file too damaged to compare gives one CHANGES_UNREADABLE change. */
  async run(): Promise<RevisionChange[]> {
    try {
      await this.compare();
    } catch (e) {
      if (!isImzalaError(e)) throw e;
      this.disallow('CHANGES_UNREADABLE', [], [], `${e.code}: ${e.message}`);
    }
    return this.changes;
  }

  private push(change: ChangeClass, objects: string[], pages: (number | null)[], detail?: string): void {
    const known = pages.filter((p): p is number => p !== null);
    this.changes.push({ change, objects, pages: [...new Set(known)].sort((a, b) => a - b), ...(detail ? { detail } : {}) });
  }

  private disallow(code: string, objects: string[], pages: (number | null)[], detail?: string): void {
    this.push({ kind: 'disallowed', code }, objects, pages, detail);
  }

  private async compare(): Promise<void> {
    const entries = this.doc.revisionEntries(this.revision);
    if (entries.length > this.options.maxChangedObjects) {
      this.disallow('TOO_MANY_CHANGES', [], [], `${entries.length} objects`);
      return;
    }
    await this.compareTrailers();
    const changed: { num: number; gen: number; before: PdfObject; after: PdfObject }[] = [];
    for (const entry of entries) {
      const num = entry.num;
      if (num === 0) continue;
      const existed = this.before.exists(num);
      const oldGen = existed ? this.before.generation(num) : 0;
      if (entry.type === XrefEntryType.Free) {
        if (existed) this.unplaced.push({ num, gen: oldGen, fallback: 'OBJECT_REMOVED' });
        continue;
      }
      const gen = entry.type === XrefEntryType.InUse ? entry.second : 0;
      const after = await this.after.fetch(new PdfRef(num, gen));
      if (!existed) {
        if (!isContainer(after)) this.newObjects.set(num, gen);
        continue;
      }
      if (oldGen !== gen) {
        // References to the old generation now read as null: the object is gone, another took its number.
        this.unplaced.push({ num, gen: oldGen, fallback: 'OBJECT_REMOVED' });
        if (!isContainer(after)) this.newObjects.set(num, gen);
        continue;
      }
      const before = await this.before.fetch(new PdfRef(num, gen));
      if (isContainer(after) && isContainer(before)) continue;
      if (await sameObject(this.before, before, this.after, after)) continue;
      changed.push({ num, gen, before, after });
    }
    for (const c of changed) await this.classifyChanged(c.num, c.gen, c.before, c.after);
    await this.classifyRoots();
    await this.placeUnexplained();
  }

  private async compareTrailers(): Promise<void> {
    const before = this.before.trailer();
    const after = this.after.trailer();
    if (!sameValue(before.get('Root'), after.get('Root'))) {
      this.disallow('CATALOG_CHANGED', [], [], 'the update names a different document catalog');
    }
    if (!sameValue(before.get('Encrypt'), after.get('Encrypt'))) this.disallow('OBJECT_CHANGED', [], [], 'the encryption changed');
    const info = after.get('Info');
    if (!sameValue(before.get('Info'), info)) {
      this.push({ kind: 'metadata' }, info instanceof PdfRef ? [label(info.num, info.gen)] : [], [], '/Info');
      this.cover(info);
    }
  }

  /** Marks the new objects a value refers to as explained by the change that added the value. */
  private cover(value: PdfObject, role: RootRole = 'covered', page: number | null = null): void {
    for (const ref of refsIn(value)) if (this.newObjects.has(ref.num)) this.roots.push({ num: ref.num, role, page });
  }

  private async classifyChanged(num: number, gen: number, before: PdfObject, after: PdfObject): Promise<void> {
    const objects = [label(num, gen)];
    const oldTrailer = this.before.trailer();
    const root = oldTrailer.get('Root');
    if (root instanceof PdfRef && root.num === num && isDict(before) && isDict(after)) return this.catalogChange(before, after, objects);
    const info = oldTrailer.get('Info');
    const beforeDict = dictOf(before);
    const afterDict = dictOf(after);
    if ((info instanceof PdfRef && info.num === num) || nameOf(beforeDict?.get('Type') ?? null) === 'Metadata') {
      this.push({ kind: 'metadata' }, objects, [], info instanceof PdfRef && info.num === num ? '/Info' : '/Metadata');
      this.mustBeUnshown.push({ num, gen });
      this.cover(after);
      return;
    }
    const structure = await this.structureNumbers();
    if (structure.dss.has(num)) {
      this.push({ kind: 'dss' }, objects, []);
      this.mustBeUnshown.push({ num, gen });
      this.cover(after);
      return;
    }
    if (structure.acroForms.has(num) && isDict(before) && isDict(after)) return this.formChange(before, after, objects);
    if (structure.fieldLists.has(num) && Array.isArray(before) && Array.isArray(after)) return this.fieldListChange(before, after, objects);
    if (!beforeDict || !afterDict) {
      if (Array.isArray(before) && Array.isArray(after)) {
        const owner = await this.annotsOwner(num);
        if (owner !== null) return this.annotsChange(owner, before, after, objects);
      }
      this.unplaced.push({ num, gen, fallback: 'OBJECT_CHANGED' });
      return;
    }
    const type = nameOf(beforeDict.get('Type'));
    if (type === 'Page') return this.pageChange(new PdfRef(num, gen), beforeDict, afterDict, objects);
    if (type === 'Pages') return this.disallow('PAGE_TREE_CHANGED', objects, []);
    if (isFieldOrWidget(beforeDict)) return this.fieldChange(beforeDict, afterDict, objects);
    if (isAnnotation(beforeDict)) {
      this.push({ kind: 'annotation', action: 'changed' }, objects, [await this.annotationPage(afterDict)]);
      this.cover(after);
      return;
    }
    const subtype = nameOf(beforeDict.get('Subtype'));
    const resource = type === 'Font' || type === 'FontDescriptor' || type === 'XObject' || type === 'ExtGState' || subtype === 'Image' || subtype === 'Form';
    if (beforeDict.has('ByteRange')) this.unplaced.push({ num, gen, fallback: 'OBJECT_CHANGED', detail: 'a signature dictionary' });
    else this.unplaced.push({ num, gen, fallback: resource ? 'PAGE_RESOURCES_CHANGED' : 'OBJECT_CHANGED' });
  }

  private structureCache: { acroForms: Set<number>; fieldLists: Set<number>; dss: Set<number> } | null = null;

  /** Object numbers of the form dictionary, its field list and the /DSS parts, before and after the update. */
  private async structureNumbers(): Promise<{ acroForms: Set<number>; fieldLists: Set<number>; dss: Set<number> }> {
    if (this.structureCache) return this.structureCache;
    const found = { acroForms: new Set<number>(), fieldLists: new Set<number>(), dss: new Set<number>() };
    for (const view of [this.before, this.after]) {
      const catalog = await view.catalog();
      const formRef = catalog.get('AcroForm');
      if (formRef instanceof PdfRef) found.acroForms.add(formRef.num);
      const form = await view.resolve(formRef);
      const fields = isDict(form) ? form.get('Fields') : null;
      if (fields instanceof PdfRef) found.fieldLists.add(fields.num);
    }
    // The DSS as signed: its dictionary, its arrays and the VRI dictionaries (ETSI EN 319 142-1, 5.4), bounded.
    const dssRef = (await this.before.catalog()).get('DSS');
    if (dssRef instanceof PdfRef) found.dss.add(dssRef.num);
    const dss = await this.before.resolve(dssRef);
    if (isDict(dss)) {
      for (const ref of refsIn(dss)) found.dss.add(ref.num);
      const vri = await this.before.resolve(dss.get('VRI'));
      if (isDict(vri)) {
        for (const entry of [...vri.entries.values()].slice(0, 10_000)) {
          if (entry instanceof PdfRef) found.dss.add(entry.num);
          const vriEntry = await this.before.resolve(entry);
          if (isDict(vriEntry)) for (const ref of refsIn(vriEntry)) found.dss.add(ref.num);
        }
      }
    }
    this.structureCache = found;
    return found;
  }

  private async catalogChange(before: PdfDict, after: PdfDict, objects: string[]): Promise<void> {
    for (const key of changedKeys(before, after)) {
      const was = before.get(key);
      const now = after.get(key);
      switch (key) {
        case 'AcroForm': {
          const previous = await this.before.resolve(was);
          const form = isDict(previous) ? previous : new PdfDict();
          if (now instanceof PdfRef && this.newObjects.has(now.num)) this.roots.push({ num: now.num, role: 'acroform', page: null, previous: form });
          else if (isDict(now)) await this.formChange(form, now, objects);
          else this.disallow('CATALOG_CHANGED', objects, [], '/AcroForm replaced by an object that existed before');
          break;
        }
        case 'DSS':
        case 'Extensions':
          if (now instanceof PdfRef && !this.newObjects.has(now.num)) {
            this.disallow('CATALOG_CHANGED', objects, [], `/${key} points at an object that existed before`);
          } else if (now === null) {
            this.disallow('CATALOG_CHANGED', objects, [], `/${key} removed`);
          } else {
            this.push({ kind: key === 'DSS' ? 'dss' : 'none' }, objects, []);
            this.cover(now);
          }
          break;
        case 'Metadata':
          this.push({ kind: 'metadata' }, objects, [], '/Metadata');
          this.cover(now);
          break;
        case 'Pages':
          this.disallow('PAGE_TREE_CHANGED', objects, []);
          break;
        default:
          this.disallow('CATALOG_CHANGED', objects, [], `/${key}`);
      }
    }
  }

  /** The interactive form dictionary rewritten (or added, `before` empty). */
  private async formChange(before: PdfDict, after: PdfDict, objects: string[]): Promise<void> {
    for (const key of changedKeys(before, after)) {
      const now = after.get(key);
      if (key === 'Fields') {
        const was = await this.before.resolve(before.get('Fields'));
        const list = await this.after.resolve(now);
        await this.fieldListChange(Array.isArray(was) ? was : [], Array.isArray(list) ? list : [], objects);
        if (now instanceof PdfRef && this.newObjects.has(now.num)) this.covered.add(now.num);
      } else if (FORM_STRUCTURE_KEYS.has(key)) {
        this.push({ kind: 'none' }, objects, []);
        this.cover(now);
      } else if (key === 'NeedAppearances') {
        // Viewers then redraw every field: as much a change of what is shown as filling a field.
        this.push({ kind: 'form-fill', fieldName: '' }, objects, [], '/NeedAppearances');
      } else {
        this.disallow('FORM_CHANGED', objects, [], `/AcroForm /${key}`);
      }
    }
  }

  private async fieldListChange(before: PdfObject[], after: PdfObject[], objects: string[]): Promise<void> {
    const had = new Set(before.filter((x): x is PdfRef => x instanceof PdfRef).map((r) => r.num));
    const has = new Set(after.filter((x): x is PdfRef => x instanceof PdfRef).map((r) => r.num));
    const removed = [...had].filter((n) => !has.has(n));
    if (removed.length > 0 || before.some((x) => !(x instanceof PdfRef) && !after.some((y) => sameValue(x, y)))) {
      this.disallow('FORM_FIELD_REMOVED', [...objects, ...removed.map((n) => label(n, this.before.generation(n)))], []);
    }
    for (const item of after) {
      if (!(item instanceof PdfRef) || had.has(item.num)) continue;
      if (this.newObjects.has(item.num)) this.roots.push({ num: item.num, role: 'field', page: null });
      else await this.classifyAddedField(item, null);
    }
  }

  private async annotsOwner(num: number): Promise<{ ref: PdfRef; page: number } | null> {
    this.pageList ??= await pageRefs(this.before, await this.before.catalog(), this.doc.limits.maxFields);
    for (const [i, ref] of this.pageList.entries()) {
      const page = await this.before.resolve(ref);
      const annots = isDict(page) ? page.get('Annots') : null;
      if (annots instanceof PdfRef && annots.num === num) return { ref, page: i + 1 };
    }
    return null;
  }

  private async pageChange(ref: PdfRef, before: PdfDict, after: PdfDict, objects: string[]): Promise<void> {
    const page = await pageNumberOf(this.before, ref);
    const other: string[] = [];
    for (const key of changedKeys(before, after)) {
      if (key === 'Annots') {
        const was = await this.before.resolve(before.get('Annots'));
        const now = await this.after.resolve(after.get('Annots'));
        await this.annotsChange({ ref, page }, Array.isArray(was) ? was : [], Array.isArray(now) ? now : [], objects);
        const nowRef = after.get('Annots');
        if (nowRef instanceof PdfRef && this.newObjects.has(nowRef.num)) this.covered.add(nowRef.num);
      } else if (key === 'Contents') this.disallow('PAGE_CONTENT_CHANGED', objects, [page]);
      else if (key === 'Resources') this.disallow('PAGE_RESOURCES_CHANGED', objects, [page]);
      else if (key === 'Parent') this.disallow('PAGE_TREE_CHANGED', objects, [page]);
      else other.push(`/${key}`);
    }
    if (other.length > 0) this.disallow('PAGE_CHANGED', objects, [page], other.join(' '));
  }

  private async annotsChange(owner: { ref: PdfRef; page: number | null }, before: PdfObject[], after: PdfObject[], objects: string[]): Promise<void> {
    const had = new Set(before.filter((x): x is PdfRef => x instanceof PdfRef).map((r) => r.num));
    const has = new Set(after.filter((x): x is PdfRef => x instanceof PdfRef).map((r) => r.num));
    for (const num of had) {
      if (has.has(num)) continue;
      const gen = this.before.generation(num);
      const annotation = await this.before.resolve(new PdfRef(num, gen));
      if (isDict(annotation) && (await this.isSignedSignatureWidget(this.before, annotation))) {
        this.disallow('SIGNED_APPEARANCE_CHANGED', [...objects, label(num, gen)], [owner.page], 'a signed signature widget was removed from the page');
      } else {
        this.push({ kind: 'annotation', action: 'removed' }, [...objects, label(num, gen)], [owner.page]);
      }
    }
    for (const item of after) {
      if (item instanceof PdfRef) {
        if (had.has(item.num)) continue;
        if (this.newObjects.has(item.num)) this.roots.push({ num: item.num, role: 'annotation', page: owner.page });
        // An object that existed but was on no page is shown from now on: as good as added.
        else await this.classifyAddedAnnotation(item, owner.page);
      } else if (isDict(item) && !before.some((x) => sameValue(x, item))) {
        this.push(await this.annotationClass(item), objects, [owner.page], 'a direct annotation');
        this.cover(item);
      }
    }
  }

  private async isSignedSignatureWidget(view: RevisionView, widget: PdfDict): Promise<boolean> {
    const { fieldType, field } = await this.fieldIdentity(view, widget);
    return fieldType === 'Sig' && field.has('V');
  }

  /** Full name, inherited /FT and the dictionary holding /V (the widget itself or its parent field). */
  private async fieldIdentity(view: RevisionView, widget: PdfDict): Promise<{ fullName: string; fieldType: string | null; field: PdfDict }> {
    const parts: string[] = [];
    let fieldType: string | null = null;
    let field: PdfDict | null = null;
    let node: PdfObject = widget;
    for (let depth = 0; depth <= this.doc.limits.maxTreeDepth && isDict(node); depth++) {
      const partial = node.get('T');
      if (partial instanceof PdfString) parts.unshift(decodePdfTextString(partial.bytes));
      fieldType ??= nameOf(node.get('FT'));
      if (!field && (node.has('T') || node.has('V') || node.has('FT'))) field = node;
      node = await view.resolve(node.get('Parent'));
    }
    return { fullName: parts.join('.'), fieldType, field: field ?? widget };
  }

  private async visible(widget: PdfDict): Promise<boolean> {
    const flags = await this.after.resolve(widget.get('F'));
    if (typeof flags === 'number' && (flags & HIDING_FLAGS) !== 0) return false;
    const rect = await this.after.resolve(widget.get('Rect'));
    if (!Array.isArray(rect) || rect.length !== 4 || !rect.every((v) => typeof v === 'number')) return false;
    const [x1, y1, x2, y2] = rect as number[];
    return Math.abs(x2! - x1!) > 0 && Math.abs(y2! - y1!) > 0;
  }

  private async isDocTimeStamp(field: PdfDict): Promise<boolean> {
    const value = await this.after.resolve(field.get('V'));
    return isDict(value) && (nameOf(value.get('Type')) === 'DocTimeStamp' || nameOf(value.get('SubFilter')) === 'ETSI.RFC3161');
  }

  /** What a newly shown annotation is: a further signature, a new form field, or an annotation. */
  private async annotationClass(annotation: PdfDict): Promise<ChangeClass> {
    if (nameOf(annotation.get('Subtype')) !== 'Widget') return { kind: 'annotation', action: 'added' };
    const { fullName, fieldType, field } = await this.fieldIdentity(this.after, annotation);
    if (fieldType !== 'Sig') return { kind: 'form-add', fieldName: fullName };
    return { kind: 'signature', fieldName: fullName, newField: true, visible: await this.visible(annotation), docTimeStamp: await this.isDocTimeStamp(field) };
  }

  private async annotationPage(annotation: PdfDict): Promise<number | null> {
    const page = annotation.get('P');
    return page instanceof PdfRef ? pageNumberOf(this.after, page) : null;
  }

  private async classifyAddedAnnotation(ref: PdfRef, page: number | null): Promise<void> {
    const annotation = await this.after.resolve(ref);
    if (!isDict(annotation)) return;
    this.push(await this.annotationClass(annotation), [label(ref.num, ref.gen)], [page]);
    this.cover(annotation);
  }

  /** A field added to /Fields. Its widgets on pages are classified through /Annots; this is the field itself. */
  private async classifyAddedField(ref: PdfRef, page: number | null): Promise<void> {
    const field = await this.after.resolve(ref);
    if (!isDict(field)) return;
    const { fullName, fieldType } = await this.fieldIdentity(this.after, field);
    const isWidget = nameOf(field.get('Subtype')) === 'Widget';
    const change: ChangeClass =
      fieldType === 'Sig'
        ? { kind: 'signature', fieldName: fullName, newField: true, visible: isWidget && (await this.visible(field)), docTimeStamp: await this.isDocTimeStamp(field) }
        : { kind: 'form-add', fieldName: fullName };
    this.push(change, [label(ref.num, ref.gen)], [page ?? (await this.annotationPage(field))]);
    this.cover(field);
  }

  private async fieldChange(before: PdfDict, after: PdfDict, objects: string[]): Promise<void> {
    const keys = changedKeys(before, after);
    const { fullName, fieldType, field } = await this.fieldIdentity(this.after, after);
    const page = await this.annotationPage(after);
    if (fieldType === 'Sig') {
      const wasSigned = (await this.fieldIdentity(this.before, before)).field.has('V');
      if (wasSigned) {
        const appearance = keys.some((k) => k === 'AP' || k === 'AS');
        this.disallow(appearance ? 'SIGNED_APPEARANCE_CHANGED' : 'OBJECT_CHANGED', objects, [page], appearance ? undefined : `signed signature field ${fullName}: ${keys.map((k) => `/${k}`).join(' ')}`);
        return;
      }
      if (keys.every((k) => SIGNING_KEYS.has(k))) {
        const visible = nameOf(after.get('Subtype')) === 'Widget' && (await this.visible(after));
        this.push({ kind: 'signature', fieldName: fullName, newField: false, visible, docTimeStamp: await this.isDocTimeStamp(field) }, objects, [page]);
        this.cover(after);
        return;
      }
    } else if (keys.every((k) => FILL_KEYS.has(k))) {
      this.push({ kind: 'form-fill', fieldName: fullName }, objects, [page], fullName);
      this.cover(after);
      return;
    }
    this.disallow('FORM_FIELD_PROPERTIES_CHANGED', objects, [page], `${fullName}: ${keys.map((k) => `/${k}`).join(' ')}`);
  }

  /**
   * New objects reached from the changes classified so far. Every added annotation and field is classified before
   * any subtree is marked as explained, so an annotation hung below an allowed object (a signature widget's
   * /Popup, say) is still judged as the annotation it is.
   */
  private async classifyRoots(): Promise<void> {
    const classified = new Set<number>();
    const take = (role: RootRole): Root[] => {
      const picked = this.roots.filter((r) => r.role === role && !classified.has(r.num));
      for (const r of picked) classified.add(r.num);
      return picked;
    };
    const refOf = (root: Root): PdfRef => new PdfRef(root.num, this.newObjects.get(root.num)!);
    for (const root of take('annotation')) await this.classifyAddedAnnotation(refOf(root), root.page);
    // A new form dictionary lists its fields; they are classified next.
    for (const root of take('acroform')) {
      const form = await this.after.resolve(refOf(root));
      if (isDict(form)) await this.formChange(root.previous ?? new PdfDict(), form, [label(root.num, refOf(root).gen)]);
    }
    for (const root of take('field')) await this.classifyAddedField(refOf(root), root.page);
    for (const num of new Set([...classified, ...this.roots.map((r) => r.num)])) await this.coverTree(num);
    this.roots.length = 0;
  }

  /** Marks a new object and the new objects below it as explained (each read once). */
  private async coverTree(num: number): Promise<void> {
    const queue = [num];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (this.covered.has(next) || !this.newObjects.has(next)) continue;
      this.covered.add(next);
      const value = await this.after.fetch(new PdfRef(next, this.newObjects.get(next)!));
      for (const ref of refsIn(value)) if (this.newObjects.has(ref.num) && !this.covered.has(ref.num)) queue.push(ref.num);
    }
  }

  /**
   * A walk over the signed version finds where objects are used: changed or removed objects not recognised from
   * their own content, and every new object. A new object the signed version already referred to (a dangling
   * reference filled in later: shadow "hide") changes what that reference shows, whatever role the update gives
   * it. The walk runs only for updates that add or change such objects and reads object dictionaries, never
   * stream data.
   */
  private async placeUnexplained(): Promise<void> {
    const added = [...this.newObjects.keys()];
    if (added.length === 0 && this.unplaced.length === 0 && this.mustBeUnshown.length === 0) return;
    const targets = new Set([...added, ...this.unplaced.map((u) => u.num), ...this.mustBeUnshown.map((u) => u.num)]);
    const { uses, complete } = await findObjectUses(this.before, targets, this.options.maxWalkObjects);
    const contextCode = (context: UseContext): string | null =>
      context === 'content' ? 'PAGE_CONTENT_CHANGED' : context === 'resources' ? 'PAGE_RESOURCES_CHANGED' : context === 'signed-appearance' ? 'SIGNED_APPEARANCE_CHANGED' : null;
    for (const u of this.unplaced) {
      const use = uses.get(u.num);
      const code = u.fallback === 'OBJECT_REMOVED' ? u.fallback : contextCode(mainContext(use)) ?? u.fallback;
      this.disallow(code, [label(u.num, u.gen)], [...(use?.pages ?? [])], u.detail);
    }
    for (const { num, gen } of this.mustBeUnshown) {
      const use = uses.get(num);
      const context = mainContext(use);
      if (context !== 'other') {
        this.disallow(contextCode(context) ?? 'OBJECT_CHANGED', [label(num, gen)], [...(use?.pages ?? [])], 'metadata or validation data that the signed version also showed');
      } else if (!complete) {
        this.disallow('OBJECT_CHANGED', [label(num, gen)], [], 'the document is too large to show that the changed object is not shown');
      }
    }
    for (const num of added) {
      const use = uses.get(num);
      const objects = [label(num, this.newObjects.get(num)!)];
      if (use) {
        this.disallow(contextCode(mainContext(use)) ?? 'OBJECT_ADDED', objects, [...use.pages], 'an object the signed version referred to but did not contain');
      } else if (!complete && !this.covered.has(num)) {
        // An object an allowed change explains is let through on a walk that stopped early (documented bound).
        this.disallow('OBJECT_ADDED', objects, [], 'the document is too large to show that the added object is unused');
      }
      // Else nothing refers to it from the signed version: an unused object (poppler writes a few) shows nothing.
    }
  }
}
