/**
 * Reads an ASiC-S or ASiC-E container and says, per CAdES signature, which bytes its CMS must be verified over:
 * the one data file (ASiC-S) or the signature's ASiCManifest (ASiC-E), after checking that the manifest
 * references exactly the container's data files with matching digests. The CMS itself is the caller's to verify
 * (core/cms verifyCmsSignatures with digestContent over `signedData`).
 */
import { bytesEqual } from '../encoding/bytes.js';
import { createHasher, isWeakHash, type HashAlgorithm } from '../crypto/hash.js';
import { ImzalaError, isImzalaError } from '../errors.js';
import type { Finding } from '../report/indications.js';
import { ZipArchive, type ZipEntry, type ZipLimits } from '../zip/read-zip.js';
import { parseAsicManifest, type AsicManifest } from './asic-manifest.js';
import {
  dataEntries,
  isAsicManifestName,
  isCadesSignatureName,
  recogniseContainer,
  type ContainerKind,
} from './recognise-container.js';

export interface AsicSignatureToCheck {
  /** The signature's entry, e.g. META-INF/signature001.p7s. */
  signatureName: string;
  /** The CMS (DER) to verify as a detached signature. */
  cms: Uint8Array;
  /** What the CMS signs: the ASiCManifest (ASiC-E) or the one data file (ASiC-S). */
  signedData: Uint8Array;
  /** The manifest entry the signature signs (ASiC-E); null for ASiC-S. */
  manifestName: string | null;
  /**
   * Why the signature does not cover the container as it is (missing, extra or changed data file, no or a
   * broken manifest...). Any entry here means the signature cannot vouch for the files shown: FORMAT_FAILURE
   * or HASH_FAILURE for the verdict, however the CMS itself verifies.
   */
  manifestProblems: Finding[];
}

export interface AsicReading {
  kind: ContainerKind;
  mimetype: string | null;
  /** The data files (everything outside META-INF/ but `mimetype`), in container order. */
  dataFiles: string[];
  signatures: AsicSignatureToCheck[];
  /** Container-level findings: layout, unrecognised variant, manifests without a signature, unsupported parts. */
  problems: Finding[];
}

/** Signature formats an ASiC container may hold that imzala does not verify (yet): they must not pass silently. */
function isXadesSignatureName(name: string): boolean {
  return /^META-INF\/[^/]*signatures[^/]*\.xml$/.test(name);
}

function isTimestampName(name: string): boolean {
  return /^META-INF\/[^/]*\.tst$/.test(name) || /^META-INF\/[^/]*ASiCArchiveManifest[^/]*\.xml$/.test(name);
}

/**
 * Hashes each data file at most once per algorithm. Only digests are kept: a container may hold hundreds of
 * megabytes of data files, and each needs to be in memory only while it is hashed.
 */
class DataFileDigests {
  private readonly digests = new Map<string, Promise<Uint8Array>>();
  constructor(private readonly archive: ZipArchive) {}
  digest(entry: ZipEntry, algorithm: HashAlgorithm): Promise<Uint8Array> {
    const key = `${algorithm}\u0000${entry.name}`;
    let d = this.digests.get(key);
    if (!d) this.digests.set(key, (d = this.archive.read(entry).then((bytes) => createHasher(algorithm).update(bytes).digest())));
    return d;
  }
}

/** Checks one manifest against the container: every reference present with its digest, every data file referenced. */
async function checkManifest(manifest: AsicManifest, archive: ZipArchive, data: DataFileDigests, dataFiles: ZipEntry[]): Promise<Finding[]> {
  const problems: Finding[] = [];
  const referenced = new Set<string>();
  for (const ref of manifest.references) {
    if (referenced.has(ref.name)) {
      problems.push({ code: 'ASIC_DUPLICATE_REFERENCE', details: { file: ref.name } });
      continue;
    }
    referenced.add(ref.name);
    const entry = archive.entry(ref.name);
    if (!entry || entry.isDirectory) {
      problems.push({ code: 'ASIC_REFERENCED_FILE_MISSING', details: { file: ref.name } });
      continue;
    }
    if (!ref.digestAlgorithm) {
      problems.push({ code: 'ASIC_DIGEST_ALGORITHM_UNSUPPORTED', details: { file: ref.name, algorithm: ref.digestMethodUri } });
      continue;
    }
    // A SHA-1 or MD5 digest can be matched by a second, different file: it proves nothing about which one.
    if (isWeakHash(ref.digestAlgorithm)) {
      problems.push({ code: 'ASIC_WEAK_DIGEST_ALGORITHM', details: { file: ref.name, algorithm: ref.digestAlgorithm } });
      continue;
    }
    const actual = await data.digest(entry, ref.digestAlgorithm);
    if (!bytesEqual(actual, ref.digestValue)) problems.push({ code: 'ASIC_DATA_FILE_DIGEST_MISMATCH', details: { file: ref.name } });
  }
  for (const entry of dataFiles) {
    if (!referenced.has(entry.name)) problems.push({ code: 'ASIC_DATA_FILE_NOT_SIGNED', details: { file: entry.name } });
  }
  return problems;
}

/**
 * Most signatures (and manifests) one container may carry: each costs a CMS verification and a path validation,
 * so a container of thousands of tiny signatures must not turn one check into minutes of work.
 */
export const MAX_ASIC_SIGNATURES = 100;

async function readAsicE(archive: ZipArchive, dataFiles: ZipEntry[], problems: Finding[]): Promise<AsicSignatureToCheck[]> {
  const manifestCount = archive.entries.filter((e) => isAsicManifestName(e.name)).length;
  const signatureCount = archive.entries.filter((e) => isCadesSignatureName(e.name)).length;
  if (Math.max(manifestCount, signatureCount) > MAX_ASIC_SIGNATURES) {
    throw new ImzalaError('ASIC_TOO_MANY_SIGNATURES', 'the container holds more signatures than imzala checks', {
      count: Math.max(manifestCount, signatureCount),
      max: MAX_ASIC_SIGNATURES,
    });
  }
  const data = new DataFileDigests(archive);
  const manifests: { entry: ZipEntry; manifest: AsicManifest; bytes: Uint8Array }[] = [];
  for (const entry of archive.entries.filter((e) => isAsicManifestName(e.name))) {
    const bytes = await archive.read(entry);
    try {
      manifests.push({ entry, manifest: parseAsicManifest(bytes), bytes });
    } catch (e) {
      if (!isImzalaError(e)) throw e;
      problems.push({ code: 'ASIC_MANIFEST_MALFORMED', details: { manifest: entry.name, ...e.details } });
    }
  }
  const signatureEntries = archive.entries.filter((e) => isCadesSignatureName(e.name));
  for (const m of manifests) {
    const target = archive.entry(m.manifest.signatureName);
    if (!target || !isCadesSignatureName(target.name)) {
      problems.push({ code: 'ASIC_SIGNATURE_MISSING', details: { manifest: m.entry.name, signature: m.manifest.signatureName } });
    }
  }
  const signatures: AsicSignatureToCheck[] = [];
  for (const entry of signatureEntries) {
    const cms = await archive.read(entry);
    const own = manifests.filter((m) => m.manifest.signatureName === entry.name);
    if (own.length !== 1) {
      signatures.push({
        signatureName: entry.name,
        cms,
        signedData: new Uint8Array(0),
        manifestName: null,
        manifestProblems: [{ code: own.length === 0 ? 'ASIC_MANIFEST_MISSING' : 'ASIC_MANIFEST_AMBIGUOUS', details: { signature: entry.name } }],
      });
      continue;
    }
    const m = own[0]!;
    signatures.push({
      signatureName: entry.name,
      cms,
      signedData: m.bytes,
      manifestName: m.entry.name,
      manifestProblems: await checkManifest(m.manifest, archive, data, dataFiles),
    });
  }
  return signatures;
}

async function readAsicS(archive: ZipArchive, dataFiles: ZipEntry[], problems: Finding[]): Promise<AsicSignatureToCheck[]> {
  const entry = archive.entry('META-INF/signature.p7s');
  if (!entry) return [];
  // ASiC-S carries exactly one data object (EN 319 162-1 §4.3.1): with more, no one can tell which one was signed.
  const manifestProblems: Finding[] =
    dataFiles.length === 1 ? [] : [{ code: 'ASIC_S_DATA_FILE_COUNT', details: { count: dataFiles.length, files: dataFiles.map((e) => e.name) } }];
  for (const e of archive.entries) {
    if (e.name.startsWith('META-INF/') && isCadesSignatureName(e.name) && e !== entry) {
      problems.push({ code: 'ASIC_UNEXPECTED_ENTRY', details: { entry: e.name } });
    }
  }
  return [
    {
      signatureName: entry.name,
      cms: await archive.read(entry),
      signedData: dataFiles.length === 1 ? await archive.read(dataFiles[0]!) : new Uint8Array(0),
      manifestName: null,
      manifestProblems,
    },
  ];
}

/**
 * Reads a container and returns, per CAdES signature, what its CMS must be verified over, with the manifest
 * checks done (missing, extra or changed data file -> codes in `manifestProblems`).
 * @throws ImzalaError ZIP_* when the file is not a ZIP archive imzala reads safely; ASIC_TOO_MANY_SIGNATURES
 * beyond MAX_ASIC_SIGNATURES.
 */
export async function readAsicSignatures(container: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<AsicReading> {
  const archive = ZipArchive.open(container, limits);
  const { kind, mimetype, problems } = await recogniseContainer(archive);
  const data = dataEntries(archive);
  const dataFiles = data.map((e) => e.name);
  if (kind !== 'ASiC-S' && kind !== 'ASiC-E') return { kind, mimetype, dataFiles, signatures: [], problems };

  for (const e of archive.entries) {
    if (isXadesSignatureName(e.name)) problems.push({ code: 'ASIC_XADES_UNSUPPORTED', details: { entry: e.name } });
    else if (isTimestampName(e.name)) problems.push({ code: 'ASIC_TIMESTAMP_UNSUPPORTED', details: { entry: e.name } });
  }
  const signatures = kind === 'ASiC-E' ? await readAsicE(archive, data, problems) : await readAsicS(archive, data, problems);
  if (signatures.length === 0) problems.push({ code: 'ASIC_NO_SIGNATURE' });
  return { kind, mimetype, dataFiles, signatures, problems };
}
