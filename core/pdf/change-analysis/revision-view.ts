/**
 * The document as a reader saw it at the end of one revision: objects are fetched through that revision's
 * cross-reference state, so an object rewritten by a later update reads as it was then.
 */
import type { PdfDocument } from '../document.js';
import type { PdfLimits } from '../limits.js';
import { PdfDict, PdfRef, isDict, type PdfObject } from '../objects.js';
import { XrefEntryType } from '../xref.js';

export class RevisionView {
  constructor(
    readonly doc: PdfDocument,
    /** 1-based revision number. */
    readonly revision: number,
  ) {}

  get limits(): PdfLimits {
    return this.doc.limits;
  }

  /** True when object `num` was in use (at a file offset or in an object stream) at this revision. */
  exists(num: number): boolean {
    const type = this.doc.entryAt(num, this.revision).type;
    return type === XrefEntryType.InUse || type === XrefEntryType.Compressed;
  }

  /** The generation the object had at this revision (0 inside object streams). */
  generation(num: number): number {
    const entry = this.doc.entryAt(num, this.revision);
    return entry.type === XrefEntryType.InUse ? entry.second : 0;
  }

  fetch(ref: PdfRef): Promise<PdfObject> {
    return this.doc.fetchAt(ref, this.revision);
  }

  resolve(value: PdfObject): Promise<PdfObject> {
    return this.doc.resolveAt(value, this.revision);
  }

  /** The trailer entries in force (Root, Info, ID, Encrypt, Size). */
  trailer(): PdfDict {
    return this.doc.trailerAt(this.revision);
  }

  /** The document catalog, or an empty dictionary when it cannot be read (the caller compares, never trusts). */
  async catalog(): Promise<PdfDict> {
    const catalog = await this.resolve(this.trailer().get('Root'));
    return isDict(catalog) ? catalog : new PdfDict();
  }
}
