/**
 * The page tree (ISO 32000-2, 7.7.3): pages in document order, depth first through /Kids, with loop detection and
 * the tree-depth bound. Pages are read one at a time, never all at once.
 */
import { ImzalaError } from '../errors.js';
import type { PdfDocument } from './document.js';
import { PdfDict, PdfRef, isDict, nameOf, type PdfObject } from './objects.js';

export interface PageNode {
  ref: PdfRef;
  dict: PdfDict;
}

/**
 * Pages in order. Throws PDF_NESTING_TOO_DEEP past the tree-depth bound; skips nodes it has already seen. `doc` may
 * be any reader with the document's limits (the change analysis reads the tree as an earlier revision had it).
 */
export async function* pagesOf(doc: Pick<PdfDocument, 'resolve' | 'limits'>, catalog: PdfDict): AsyncGenerator<PageNode> {
  const seen = new Set<string>();
  async function* walk(node: PdfObject, depth: number): AsyncGenerator<PageNode> {
    if (depth > doc.limits.maxTreeDepth) {
      throw new ImzalaError('PDF_NESTING_TOO_DEEP', 'the page tree is nested too deeply', { maxTreeDepth: doc.limits.maxTreeDepth });
    }
    // Kids are indirect references (7.7.3.2); anything else is not a page that can be annotated.
    if (!(node instanceof PdfRef)) return;
    const key = `${node.num} ${node.gen}`;
    if (seen.has(key)) return;
    seen.add(key);
    const dict = await doc.resolve(node);
    if (!isDict(dict)) return;
    const kids = await doc.resolve(dict.get('Kids'));
    if (nameOf(dict.get('Type')) === 'Page' || !Array.isArray(kids)) {
      yield { ref: node, dict };
      return;
    }
    for (const kid of kids) yield* walk(kid, depth + 1);
  }
  yield* walk(catalog.get('Pages'), 0);
}
