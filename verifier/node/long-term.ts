/**
 * PAdES B-LT for `imzala sign --lt`: after signing, the signer's chain and the revocation data for it (OCSP
 * answers, CRLs, fetched now) go into the document's /DSS, so it can be checked offline years later.
 */
import { ImzalaError } from '../../core/errors.js';
import type { ByteSource } from '../../core/io/byte-source.js';
import { prepareDssUpdate } from '../../core/pdf/dss.js';
import { Certificate } from '../../core/pki/certificate.js';
import { namesMatch } from '../../core/pki/name.js';
import { gatherRevocationData } from '../../core/pki/revocation/revocation-data.js';
import type { DigestSigner } from '../../core/cms/digest-signer.js';
import { createHttpFetcher } from './http-fetcher.js';
import { createFileRevocationCache, revocationCacheDir } from './revocation-cache.js';

/** The /DSS update to append to a just-signed PDF; refuses (LT_DATA_UNAVAILABLE) when no revocation data can be had. */
export async function longTermValidationUpdate(
  signed: ByteSource,
  signer: DigestSigner,
  env: NodeJS.ProcessEnv,
  anchors: readonly Certificate[],
): Promise<Uint8Array> {
  const path = [signer.certificate, ...(signer.chain ?? [])].map((der) => Certificate.fromDer(der));
  // The key file's chain usually stops below the root: the anchor completes it, so the last CA's status is gathered too.
  const top = path[path.length - 1]!;
  const anchor = top.isSelfIssued ? undefined : anchors.find((a) => namesMatch(a.subject, top.issuer));
  if (anchor) path.push(anchor);
  const gathered = await gatherRevocationData(path, {
    fetcher: createHttpFetcher(),
    cache: createFileRevocationCache({ dir: revocationCacheDir(env) }),
    time: new Date(),
  });
  const signerCovered = gathered.ocsp.has(path[0]!.sha256) || gathered.crls.some((crl) => crl.issuer.toString() === path[0]!.issuer.toString());
  if (!signerCovered) {
    throw new ImzalaError('LT_DATA_UNAVAILABLE', 'no revocation data could be obtained for the signing certificate', {
      urls: gathered.problems.map((p) => `${p.url || '-'} (${p.code})`),
    });
  }
  return prepareDssUpdate(signed, {
    certificates: path.filter((c) => c !== anchor).map((c) => c.der),
    crls: gathered.crls.map((c) => c.der),
    ocspResponses: [...gathered.ocsp.values()].map((o) => o.evidence.response),
  });
}
