/** ETSI ASiC-S / ASiC-E containers with CAdES signatures: recognising, creating, co-signing and reading them. */
export { recogniseContainer, ASIC_E_MIMETYPE, ASIC_S_MIMETYPE, type ContainerKind, type ContainerRecognition } from './recognise-container.js';
export { createAsicE, addAsicESignature, type AsicDataFile, type AsicWriteOptions, type ManifestSigner } from './create-asic-e.js';
export { readAsicSignatures, MAX_ASIC_SIGNATURES, type AsicReading, type AsicSignatureToCheck } from './read-asic-signatures.js';
export { ASIC_MESSAGES } from './codes.js';
