/**
 * Signing files into an ASiC-E container with CAdES (ETSI EN 319 162-1 §4.4.3.1): each signer gets its own
 * META-INF/ASiCManifestNNN.xml listing every data file with its SHA-256, and a detached CAdES signature
 * META-INF/signatureNNN.p7s over that manifest. A later signer adds a new pair; nothing already signed changes.
 */
import { digest } from '../crypto/hash.js';
import { utf8Bytes } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import { verifyCmsSignatures, digestOfBytes } from '../cms/verify-signed-data.js';
import { ZipArchive } from '../zip/read-zip.js';
import { writeZip, type ZipEntryToWrite } from '../zip/write-zip.js';
import { unsafeNameReason } from '../zip/zip-names.js';
import { buildAsicManifest } from './asic-manifest.js';
import { readAsicSignatures } from './read-asic-signatures.js';
import { ASIC_E_MIMETYPE, dataEntries, recogniseContainer } from './recognise-container.js';

/** Signs the manifest bytes as a detached CAdES signature and returns the CMS (DER ContentInfo). */
export type ManifestSigner = (manifest: Uint8Array) => Promise<Uint8Array>;

export interface AsicDataFile {
  /** Path inside the container ("contract.docx", "annex/price.xlsx"). */
  name: string;
  bytes: Uint8Array;
  /** Media type written in the manifest (optional there). */
  mimeType?: string;
}

export interface AsicWriteOptions {
  /** Modification time of the entries; default 1980-01-01 (the same files give the same container). */
  modified?: Date;
}

/** Findings that concern where `mimetype` sits, not what is signed: a rewrite fixes them. */
const LAYOUT_ONLY = new Set(['ASIC_MIMETYPE_MISSING', 'ASIC_MIMETYPE_MISPLACED']);

function checkDataFileName(name: string): void {
  const unsafe = unsafeNameReason(name);
  const reason = unsafe
    ?? (name.endsWith('/') ? 'a directory'
      : name === 'mimetype' || name.toUpperCase().startsWith('META-INF/') ? 'reserved for the container' : null);
  if (reason) throw new ImzalaError('ASIC_DATA_FILE_NAME_INVALID', 'a data file name cannot be used in a container', { file: name, reason });
}

function pairNames(n: number): { manifest: string; signature: string } {
  const nnn = String(n).padStart(3, '0');
  return { manifest: `META-INF/ASiCManifest${nnn}.xml`, signature: `META-INF/signature${nnn}.p7s` };
}

/**
 * Asks the signer for a CMS over the manifest and checks it before it goes into a container: detached, and
 * each SignerInfo's messageDigest and signature value verify over the manifest (a token that signed the wrong
 * thing is caught here, not by the recipient).
 */
async function signManifest(manifest: Uint8Array, sign: ManifestSigner): Promise<Uint8Array> {
  const cms = await sign(manifest);
  const check = await verifyCmsSignatures(cms, { anchors: [], time: new Date(), digestContent: digestOfBytes(manifest) });
  if (!check.detached) throw new ImzalaError('ASIC_SIGNATURE_NOT_DETACHED', 'the signature carries its content instead of being detached');
  for (const s of check.signers) {
    if (s.messageDigestMatches !== true || s.signature?.valid !== true) {
      throw new ImzalaError('SIGNER_PRODUCED_INVALID_SIGNATURE', 'the signer returned a signature that does not verify over the manifest');
    }
  }
  return cms;
}

async function manifestAndSignature(files: { name: string; bytes: Uint8Array; mimeType?: string }[], n: number, sign: ManifestSigner): Promise<ZipEntryToWrite[]> {
  const names = pairNames(n);
  const manifest = buildAsicManifest({
    signatureName: names.signature,
    dataObjects: files.map((f) => ({
      name: f.name,
      digestAlgorithm: 'SHA-256',
      digest: digest('SHA-256', f.bytes),
      ...(f.mimeType ? { mimeType: f.mimeType } : {}),
    })),
  });
  const cms = await signManifest(manifest, sign);
  return [
    { name: names.manifest, bytes: manifest, method: 'deflate' },
    { name: names.signature, bytes: cms, method: 'deflate' },
  ];
}

/**
 * Makes an ASiC-E container of the files with one CAdES signature over a manifest of all of them.
 * @throws ImzalaError ASIC_NO_DATA_FILES / ASIC_DATA_FILE_NAME_INVALID / ZIP_DUPLICATE_ENTRY for unusable input,
 * ASIC_SIGNATURE_NOT_DETACHED / SIGNER_PRODUCED_INVALID_SIGNATURE when the signer's CMS is not what it should be.
 */
export async function createAsicE(files: AsicDataFile[], sign: ManifestSigner, options: AsicWriteOptions = {}): Promise<Uint8Array> {
  if (files.length === 0) throw new ImzalaError('ASIC_NO_DATA_FILES', 'a container needs at least one file');
  for (const f of files) checkDataFileName(f.name);
  const pair = await manifestAndSignature(files, 1, sign);
  return writeZip(
    [
      // First and stored (EN 319 162-1 A.1): sniffers read the media type at a fixed offset.
      { name: 'mimetype', bytes: utf8Bytes(ASIC_E_MIMETYPE), method: 'stored' },
      ...files.map((f): ZipEntryToWrite => ({ name: f.name, bytes: f.bytes, method: 'deflate' })),
      ...pair,
    ],
    options,
  );
}

/**
 * Adds one more signer to an ASiC-E container: a new manifest over all its data files and a new CAdES signature.
 * The container must be intact (every existing manifest still matches the files), so a signer never signs files
 * that were changed after the others signed.
 * @throws ImzalaError ASIC_NOT_ASIC_E / ASIC_CONTAINER_NOT_INTACT, ZIP_* for unreadable input, and the signer errors of createAsicE.
 */
export async function addAsicESignature(container: Uint8Array, sign: ManifestSigner, options: AsicWriteOptions = {}): Promise<Uint8Array> {
  const archive = ZipArchive.open(container);
  const { kind } = await recogniseContainer(archive);
  if (kind !== 'ASiC-E') throw new ImzalaError('ASIC_NOT_ASIC_E', 'only an ASiC-E container can take another signature', { kind });
  const reading = await readAsicSignatures(container);
  const problems = [
    ...reading.problems.filter((p) => !LAYOUT_ONLY.has(p.code)),
    ...reading.signatures.flatMap((s) => s.manifestProblems),
  ];
  if (problems.length > 0) {
    throw new ImzalaError('ASIC_CONTAINER_NOT_INTACT', 'the container was changed after it was signed', { problems: problems.map((p) => p.code) });
  }
  let n = 1;
  while (archive.entry(pairNames(n).manifest) || archive.entry(pairNames(n).signature)) n++;
  const data = dataEntries(archive);
  const files = await Promise.all(data.map(async (e) => ({ name: e.name, bytes: await archive.read(e) })));
  const pair = await manifestAndSignature(files, n, sign);
  const kept: ZipEntryToWrite[] = [];
  for (const e of archive.entries) {
    if (e.name === 'mimetype') continue;
    kept.push({ name: e.name, bytes: await archive.read(e), method: e.method });
  }
  return writeZip([{ name: 'mimetype', bytes: utf8Bytes(ASIC_E_MIMETYPE), method: 'stored' }, ...kept, ...pair], options);
}
