/**
 * CAdES-B-B detached signatures (ETSI EN 319 122-1): CMS SignedData without encapsulated content, one
 * SignerInfo with the signed attributes contentType, messageDigest, signingTime (optional: PAdES forbids it,
 * the PDF's /M carries the claimed time) and signingCertificateV2. The private key stays with the DigestSigner.
 */
import { digest, HASH_OID_BY_ALGORITHM, isWeakHash, type HashAlgorithm } from '../crypto/hash.js';
import { signatureAlgorithmIdentifier, type AlgorithmIdentifierDer } from '../crypto/signature-algorithms.js';
import { verifySignature } from '../crypto/verify-signature.js';
import { ecdsaP1363ToDer } from '../crypto/ecdsa-encoding.js';
import { explicit, implicitConstructed, octetString, oid, sequence, setOf, smallInteger, tlv, time } from '../encoding/der-writer.js';
import { certificateIssuerAndSerial, children, encodingOf, readTlv, TAG } from '../encoding/der-reader.js';
import { ImzalaError } from '../errors.js';
import type { DigestSigner } from './digest-signer.js';
import { OID } from './oids.js';

export interface CadesSignatureRequest {
  signer: DigestSigner;
  /** Digest of the signed content, computed with `signer.algorithm.hash` (a PDF's ByteRange, a file). */
  contentDigest: Uint8Array;
  /** Adds the signingTime attribute (CAdES). Leave out for PAdES (ETSI EN 319 142-1 §6.3: /M carries it). */
  signingTime?: Date;
}

function algorithmIdentifier(id: AlgorithmIdentifierDer): Uint8Array {
  return sequence(oid(id.oid), ...(id.parameters ? [id.parameters] : []));
}

/** Digest algorithm identifiers go without parameters (RFC 5754 §2). */
function digestAlgorithmIdentifier(hash: HashAlgorithm): Uint8Array {
  return sequence(oid(HASH_OID_BY_ALGORITHM[hash]));
}

function attribute(type: string, value: Uint8Array): Uint8Array {
  return sequence(oid(type), setOf(value));
}

/** ESS signingCertificateV2 (RFC 5035) naming the signer's certificate by SHA-256 hash and issuer/serial. */
function signingCertificateV2(certificate: Uint8Array): Uint8Array {
  const { issuer, serialNumber } = certificateIssuerAndSerial(certificate);
  // hashAlgorithm DEFAULT id-sha256 is omitted in DER; GeneralNames holds [4] directoryName (EXPLICIT, Name is a CHOICE).
  const issuerSerial = sequence(sequence(explicit(4, issuer)), serialNumber);
  const essCertIdV2 = sequence(octetString(digest('SHA-256', certificate)), issuerSerial);
  return sequence(sequence(essCertIdV2));
}

/**
 * Builds a detached CAdES-B-B signature and checks the signer's value with imzala's own verifier before
 * returning it, so a token or phone that signed the wrong thing is caught here, not by the recipient.
 * @returns DER of a ContentInfo holding the SignedData.
 */
export async function buildCadesSignature(request: CadesSignatureRequest): Promise<Uint8Array> {
  const { signer, contentDigest } = request;
  const hash = signer.algorithm.hash;
  if (isWeakHash(hash)) {
    throw new ImzalaError('WEAK_ALGORITHM_REFUSED', `${hash} is not used for new signatures`, { algorithm: hash });
  }
  if (contentDigest.length !== digest(hash, new Uint8Array(0)).length) {
    throw new ImzalaError('DIGEST_LENGTH_MISMATCH', 'the content digest does not fit the signature hash', { algorithm: hash });
  }
  let signerCertificate: ReturnType<typeof certificateIssuerAndSerial>;
  try {
    signerCertificate = certificateIssuerAndSerial(signer.certificate);
  } catch (e) {
    throw new ImzalaError('CERTIFICATE_MALFORMED', 'the signer certificate cannot be read', { cause: String(e) });
  }

  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(contentDigest)),
    ...(request.signingTime ? [attribute(OID.signingTime, time(request.signingTime))] : []),
    attribute(OID.signingCertificateV2, signingCertificateV2(signer.certificate)),
  ];
  // What is signed is the DER SET OF the attributes (RFC 5652 §5.4); the SignerInfo carries it as [0] IMPLICIT.
  const signedAttributes = setOf(...attributes);
  const signatureAlgorithm = signatureAlgorithmIdentifier(signer.algorithm);

  let signatureValue = await signer.sign({ digest: digest(hash, signedAttributes), toBeSigned: signedAttributes });
  if (signer.algorithm.scheme === 'ECDSA' && signer.signatureFormat === 'p1363') {
    signatureValue = ecdsaP1363ToDer(signatureValue);
  }
  const check = await verifySignature({
    publicKeyInfo: subjectPublicKeyInfoOf(signer.certificate),
    algorithm: signer.algorithm,
    data: signedAttributes,
    signature: signatureValue,
  });
  if (!check.valid) {
    throw new ImzalaError('SIGNER_PRODUCED_INVALID_SIGNATURE', 'the signature value does not verify with the signer certificate', {
      code: check.code,
    });
  }

  const signerInfo = sequence(
    smallInteger(1),
    sequence(signerCertificate.issuer, signerCertificate.serialNumber),
    digestAlgorithmIdentifier(hash),
    implicitConstructed(0, signedAttributes),
    algorithmIdentifier(signatureAlgorithm),
    octetString(signatureValue),
  );
  const certificates = [signer.certificate, ...(signer.chain ?? [])];
  const signedData = sequence(
    smallInteger(1),
    setOf(digestAlgorithmIdentifier(hash)),
    sequence(oid(OID.data)), // detached: no eContent
    tlv(0xa0, ...certificates), // [0] IMPLICIT CertificateSet, kept in signer-first order
    setOf(signerInfo),
  );
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

/** The SubjectPublicKeyInfo encoding of a certificate, byte-exact. */
export function subjectPublicKeyInfoOf(certificate: Uint8Array): Uint8Array {
  try {
    const tbs = children(certificate, readTlv(certificate))[0]!;
    const fields = children(certificate, tbs);
    const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
    const spki = fields[offset + 5];
    if (!spki || spki.tag !== TAG.SEQUENCE) throw new RangeError('no SubjectPublicKeyInfo');
    return encodingOf(certificate, spki);
  } catch (e) {
    throw new ImzalaError('CERTIFICATE_MALFORMED', 'the signer certificate cannot be read', { cause: String(e) });
  }
}
