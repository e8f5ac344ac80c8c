/**
 * Where objects are used in one revision's object graph: which pages reach them and through what (page content,
 * resources, the appearance of a signed signature). A bounded walk from the pages and the catalog; it runs only
 * when a revision changed or added something that cannot be placed from the object itself, so the common case (a
 * further signature, a /DSS) never reads the graph.
 */
import { PdfDict, PdfRef, PdfStream, isDict, nameOf, type PdfObject } from '../objects.js';
import { pagesOf } from '../page-tree.js';
import type { RevisionView } from './revision-view.js';

/** How an object is reached; earlier entries are the more telling ones. */
export const USE_CONTEXTS = ['content', 'resources', 'signed-appearance', 'appearance', 'other'] as const;
export type UseContext = (typeof USE_CONTEXTS)[number];

export interface ObjectUse {
  /** 1-based page numbers whose subtree reaches the object (first page found for shared objects). */
  pages: Set<number>;
  contexts: Set<UseContext>;
}

export interface ObjectUses {
  uses: Map<number, ObjectUse>;
  /** False when the walk stopped at its bound: an object without a use may still be used. */
  complete: boolean;
}

interface Pending {
  value: PdfObject;
  page: number | null;
  context: UseContext;
  /** The dictionary holding `value`, for contexts decided by the holder (a widget's /AP). */
  depth: number;
}

function isSignedSignatureWidget(dict: PdfDict): boolean {
  return nameOf(dict.get('FT')) === 'Sig' && dict.has('V');
}

function contextFor(holder: PdfDict, key: string, current: UseContext): UseContext {
  if (current === 'content' || current === 'signed-appearance') return current;
  const type = nameOf(holder.get('Type'));
  if (key === 'Contents' && type === 'Page') return 'content';
  if (key === 'Resources') return current === 'appearance' ? current : 'resources';
  if (key === 'AP') return isSignedSignatureWidget(holder) ? 'signed-appearance' : 'appearance';
  return current;
}

/** Page objects in order (see pagesOf), at most `maxPages` of them. */
export async function pageRefs(view: RevisionView, catalog: PdfDict, maxPages: number): Promise<PdfRef[]> {
  const pages: PdfRef[] = [];
  for await (const page of pagesOf(view, catalog)) {
    if (pages.length >= maxPages) break;
    pages.push(page.ref);
  }
  return pages;
}

/**
 * Finds the uses of `targets` (object numbers) in `view`: pages first (so page numbers are known), then the
 * catalog and the document information. At most `maxObjects` objects are read.
 */
export async function findObjectUses(view: RevisionView, targets: ReadonlySet<number>, maxObjects: number): Promise<ObjectUses> {
  const uses = new Map<number, ObjectUse>();
  const visited = new Set<number>();
  let read = 0;
  let complete = true;
  const catalog = await view.catalog();
  const pages = await pageRefs(view, catalog, maxObjects);

  const stack: Pending[] = [];
  const record = (ref: PdfRef, page: number | null, context: UseContext): void => {
    if (!targets.has(ref.num)) return;
    let use = uses.get(ref.num);
    if (!use) uses.set(ref.num, (use = { pages: new Set(), contexts: new Set() }));
    if (page !== null) use.pages.add(page);
    use.contexts.add(context);
  };
  const drain = async (): Promise<void> => {
    while (stack.length > 0) {
      const { value, page, context, depth } = stack.pop()!;
      if (value instanceof PdfRef) {
        record(value, page, context);
        if (visited.has(value.num)) continue;
        if (read >= maxObjects) {
          complete = false;
          continue;
        }
        visited.add(value.num);
        read++;
        stack.push({ value: await view.fetch(value), page, context, depth: 0 });
        continue;
      }
      if (depth > view.doc.limits.maxNestingDepth) continue;
      if (Array.isArray(value)) {
        for (const item of value) stack.push({ value: item, page, context, depth: depth + 1 });
        continue;
      }
      const dict = value instanceof PdfStream ? value.dict : isDict(value) ? value : null;
      if (!dict) continue;
      for (const [key, item] of dict.entries) {
        // Walking up (/Parent, an annotation's /P) would hand page numbers to what belongs to other pages.
        if (key === 'Parent' || key === 'P') continue;
        stack.push({ value: item, page, context: contextFor(dict, key, context), depth: depth + 1 });
      }
    }
  };

  for (const [i, ref] of pages.entries()) {
    stack.push({ value: ref, page: i + 1, context: 'other', depth: 0 });
    await drain();
  }
  stack.push({ value: view.trailer().get('Root'), page: null, context: 'other', depth: 0 });
  stack.push({ value: view.trailer().get('Info'), page: null, context: 'other', depth: 0 });
  await drain();
  return { uses, complete };
}

/** The most telling context of a use. */
export function mainContext(use: ObjectUse | undefined): UseContext {
  for (const c of USE_CONTEXTS) if (use?.contexts.has(c)) return c;
  return 'other';
}

/**
 * 1-based number of a page object, counted through its /Parent chain (reads only the ancestors and their /Kids
 * entries, never the whole tree); null when the chain is broken.
 */
export async function pageNumberOf(view: RevisionView, page: PdfRef): Promise<number | null> {
  let number = 1;
  let child: PdfRef = page;
  for (let depth = 0; depth <= view.doc.limits.maxTreeDepth; depth++) {
    const node = await view.resolve(child);
    if (!isDict(node)) return null;
    const parentRef = node.get('Parent');
    if (!(parentRef instanceof PdfRef)) return depth === 0 ? null : number;
    const parent = await view.resolve(parentRef);
    if (!isDict(parent)) return null;
    const kids = await view.resolve(parent.get('Kids'));
    if (!Array.isArray(kids)) return null;
    let found = false;
    for (const kid of kids.slice(0, view.doc.limits.maxFields)) {
      if (kid instanceof PdfRef && kid.num === child.num) {
        found = true;
        break;
      }
      const sibling = await view.resolve(kid);
      if (!isDict(sibling)) continue;
      const count = await view.resolve(sibling.get('Count'));
      number += nameOf(sibling.get('Type')) === 'Pages' && typeof count === 'number' && count > 0 ? count : 1;
    }
    if (!found) return null;
    child = parentRef;
  }
  return null;
}
