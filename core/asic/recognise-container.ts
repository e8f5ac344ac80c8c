/**
 * What kind of ZIP container a file is, read from its `mimetype` entry (ETSI EN 319 162-1 §A.1; the same
 * convention as ODF/EPUB, which ADoc and other national containers follow). A `mimetype` imzala does not
 * verify is reported as such, never guessed at.
 */
import { latin1String } from '../encoding/bytes.js';
import type { Finding } from '../report/indications.js';
import type { ZipArchive, ZipEntry } from '../zip/read-zip.js';

export type ContainerKind = 'ASiC-S' | 'ASiC-E' | 'ADoc-unrecognised' | 'zip-unknown';

export const ASIC_S_MIMETYPE = 'application/vnd.etsi.asic-s+zip';
export const ASIC_E_MIMETYPE = 'application/vnd.etsi.asic-e+zip';

/** A media type is short; anything longer is not one. */
const MAX_MIMETYPE_BYTES = 255;

export interface ContainerRecognition {
  kind: ContainerKind;
  /** The `mimetype` entry's text, or null when there is none. */
  mimetype: string | null;
  /** Layout problems found on the way (the verdict is the caller's). */
  problems: Finding[];
}

/** Entries that hold the signed content: everything but `mimetype`, META-INF/ and directories. */
export function dataEntries(archive: ZipArchive): ZipEntry[] {
  return archive.entries.filter((e) => !e.isDirectory && e.name !== 'mimetype' && !e.name.startsWith('META-INF/'));
}

export function isAsicManifestName(name: string): boolean {
  return /^META-INF\/[^/]*ASiCManifest[^/]*\.xml$/.test(name);
}

export function isCadesSignatureName(name: string): boolean {
  return /^META-INF\/[^/]*signature[^/]*\.p7s$/.test(name);
}

/** The layout of an ASiC container without a mimetype, which EN 319 162-1 allows: decided by its META-INF. */
function kindByLayout(archive: ZipArchive): ContainerKind {
  const names = archive.entries.map((e) => e.name);
  if (names.some(isAsicManifestName) && names.some(isCadesSignatureName)) return 'ASiC-E';
  const data = dataEntries(archive);
  if (archive.entry('META-INF/signature.p7s') && data.length === 1 && !data[0]!.name.includes('/')) return 'ASiC-S';
  return 'zip-unknown';
}

/**
 * Recognises an ASiC-S, an ASiC-E, some other container with a `mimetype` (ADoc and the like: reported as
 * ASIC_UNRECOGNISED_VARIANT), or a ZIP that is no signature container at all.
 * @throws ImzalaError ZIP_* when the `mimetype` entry itself cannot be read.
 */
export async function recogniseContainer(archive: ZipArchive): Promise<ContainerRecognition> {
  const problems: Finding[] = [];
  const entry = archive.entry('mimetype');
  if (!entry) {
    const kind = kindByLayout(archive);
    if (kind !== 'zip-unknown') problems.push({ code: 'ASIC_MIMETYPE_MISSING' });
    else problems.push({ code: 'ASIC_NOT_A_CONTAINER' });
    return { kind, mimetype: null, problems };
  }
  // ASiC (A.1) and ODF put the media type first, stored, without an extra field, so that it sits at a fixed
  // offset where file-type sniffers read it.
  if (archive.entries[0] !== entry || entry.method !== 'stored' || entry.localExtraLength !== 0) {
    problems.push({ code: 'ASIC_MIMETYPE_MISPLACED' });
  }
  if (entry.size > MAX_MIMETYPE_BYTES) {
    problems.push({ code: 'ASIC_UNRECOGNISED_VARIANT', details: { mimetype: '(too long)' } });
    return { kind: 'ADoc-unrecognised', mimetype: null, problems };
  }
  const mimetype = latin1String(await archive.read(entry));
  if (mimetype === ASIC_S_MIMETYPE) return { kind: 'ASiC-S', mimetype, problems };
  if (mimetype === ASIC_E_MIMETYPE) return { kind: 'ASiC-E', mimetype, problems };
  problems.push({ code: 'ASIC_UNRECOGNISED_VARIANT', details: { mimetype: printable(mimetype) } });
  return { kind: 'ADoc-unrecognised', mimetype, problems };
}

/** The media type as a person may see it in a message: control characters shown as '?'. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u00ff]/g, '?');
}
