/** The OpenAPI 3.1 description of the service's HTTP API, written by hand next to the routes it describes. */
import type { ServerConfig } from './config.js';
import { REVOCATION_RATE_FACTOR } from './routes/revocation.js';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The document served at /api/v1/openapi.json. */
/** The headers every request of the SİMA app carries (AZ-ESIGN.md §4). */
const SIMA_APP_HEADERS = [
  { name: 'ts-cert', in: 'header', required: true, schema: { type: 'string' } },
  { name: 'ts-sign-alg', in: 'header', required: true, schema: { type: 'string', enum: ['ECDSA_SHA256'] } },
  { name: 'ts-sign', in: 'header', required: true, schema: { type: 'string' } },
];

/** The refusals GETDATA and the callback share: the request's signature, certificate, person and operation. */
const SIMA_APP_REFUSALS = {
  '401': { description: 'SIMA_SIGNATURE_INVALID' },
  '403': { description: 'SIMA_CERTIFICATE_UNTRUSTED or SIMA_WRONG_PERSON' },
  '409': { description: 'SIMA_OPERATION_REPLAYED' },
  '410': { description: 'SIMA_CONTRACT_EXPIRED' },
};

export function openApiDocument(config: Pick<ServerConfig, 'publicUrl' | 'maxUploadBytes' | 'rateLimitPerMinute'>): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'imzala verification service',
      version: '1',
      description:
        'Checks Azerbaijani e-signatures on documents (PAdES PDF, CMS/CAdES .p7s, ASiC). Error messages are in ' +
        'Azerbaijani by default; English or Russian by ?lang=en|ru or Accept-Language.',
    },
    ...(config.publicUrl ? { servers: [{ url: config.publicUrl }] } : {}),
    paths: {
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness check',
          responses: {
            '200': {
              description: 'The service answers',
              content: { 'application/json': { schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } } } },
            },
          },
        },
      },
      '/api/v1/verify': {
        post: {
          operationId: 'verifyDocument',
          summary: 'Check every signature of one file',
          description:
            `The format is recognised by the file's bytes, not its name. At most ${config.maxUploadBytes} bytes; ` +
            `at most ${config.rateLimitPerMinute} requests per minute per client address. The uploads are deleted after the check.`,
          parameters: [{ $ref: '#/components/parameters/lang' }],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: {
                    file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The signed document' },
                    content: {
                      type: 'string',
                      contentMediaType: 'application/octet-stream',
                      description: 'The signed file of a detached signature (.p7s); without it a detached signature is 422 CMS_CONTENT_MISSING',
                    },
                    at: { type: 'string', format: 'date-time', description: 'Validate as of this time instead of now (ISO-8601)' },
                    lang: { type: 'string', enum: ['az', 'en', 'ru'], description: 'Language of the messages in the report' },
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'The validation report (its status says whether the document is validly signed)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } },
            },
            '400': errorResponse('FILE_MISSING, UPLOAD_INVALID or INVALID_TIME'),
            '413': errorResponse('FILE_TOO_LARGE'),
            '415': errorResponse('FORMAT_UNKNOWN: not a signed format imzala knows (PDF, CMS .p7s, ASiC)'),
            '422': errorResponse('The file was received but cannot be read (e.g. FILE_EMPTY, FILE_UNREADABLE, a malformed PDF or CMS); the code names why'),
            '429': errorResponse('RATE_LIMITED'),
            '500': errorResponse('INTERNAL_ERROR'),
            '503': errorResponse('SERVER_BUSY: every verification worker is busy and the queue is full; try again shortly'),
          },
        },
      },
      '/api/v1/revocation': {
        post: {
          operationId: 'fetchRevocationData',
          summary: 'Fetch a CRL or OCSP answer for the in-browser check',
          description:
            'The web page checks documents in the browser and cannot reach CA servers itself (CORS). The service fetches ' +
            'ONLY an address named in path[0] (an OCSP address when ocspRequest is given, else a CRL distribution point), ' +
            'and only when each certificate of the path is signed by the next and the last is one of the service\'s trust ' +
            'anchors. The answer is returned exactly as fetched; the caller checks it (signatures, times) itself. CRLs are ' +
            `cached until their nextUpdate, OCSP answers for at most 5 minutes. At most ${config.rateLimitPerMinute * REVOCATION_RATE_FACTOR} ` +
            'requests per minute per client address; body at most 64 KB.',
          parameters: [{ $ref: '#/components/parameters/lang' }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['url', 'path'],
                  properties: {
                    url: { type: 'string', description: 'http(s) address named by path[0]' },
                    path: {
                      type: 'array',
                      minItems: 2,
                      maxItems: 6,
                      items: { type: 'string', contentEncoding: 'base64' },
                      description: 'DER certificates: the one whose status is asked, then its issuers up to a trust anchor',
                    },
                    ocspRequest: { type: 'string', contentEncoding: 'base64', description: 'DER OCSPRequest (at most 4096 bytes), POSTed to url; absent for a CRL (GET)' },
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'The CRL or OCSP response bytes exactly as the CA server sent them (Cache-Control: no-store)',
              content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
            },
            '400': errorResponse('REVOCATION_PROXY_BAD_REQUEST, REVOCATION_PROXY_PATH_LENGTH or REVOCATION_PROXY_OCSP_REQUEST_TOO_LARGE'),
            '403': errorResponse(
              'REVOCATION_PROXY_ANCHOR_UNKNOWN, REVOCATION_PROXY_PATH_INVALID, REVOCATION_PROXY_URL_UNSUPPORTED or REVOCATION_PROXY_URL_NOT_NAMED: nothing was fetched',
            ),
            '413': errorResponse('REVOCATION_PROXY_BODY_TOO_LARGE'),
            '429': errorResponse('RATE_LIMITED'),
            '502': errorResponse('REVOCATION_FETCH_FAILED or REVOCATION_RESPONSE_TOO_LARGE: the CA server failed or sent too much'),
            '503': errorResponse('REVOCATION_PROXY_OFFLINE: the service runs offline'),
            '504': errorResponse('REVOCATION_FETCH_TIMEOUT: the CA server did not answer in time'),
          },
        },
      },
      '/api/v1/processes': {
        post: {
          operationId: 'startProcess',
          summary: 'Start a sequential signing process (the wizard at /yeni uses this too)',
          description:
            'Documents are frozen at start (at most 10, 100 MiB together). The first signer is e-mailed a link at once; each ' +
            'next signer only after the previous one signed; at the end everyone receives the signed files.',
          parameters: [{ $ref: '#/components/parameters/lang' }],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['process', 'documents'],
                  properties: {
                    documents: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } },
                    process: {
                      type: 'string',
                      contentMediaType: 'application/json',
                      description:
                        'JSON {"name", "deadline" (ISO-8601 with zone), "lang"?: az|en|ru, "initiator": {"email", "name"?}, ' +
                        '"signers": [{"type": citizen|entrepreneur|legal, "name", "fin", "voen"? (legal: required), "email", "position"?, "company"? (legal: required)}], "cc"?: [e-mail]}',
                    },
                  },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'Started',
              content: { 'application/json': { schema: { type: 'object', required: ['id', 'status', 'signers'], properties: { id: { type: 'string' }, status: { type: 'string' }, signers: { type: 'array', items: { type: 'object' } } } } } },
            },
            '400': errorResponse('PROCESS_FIELDS_INVALID (error.fields lists each refused field: path, code, message), PROCESS_INPUT_INVALID, UPLOAD_INVALID'),
            '413': errorResponse('PROCESS_TOO_LARGE or FILE_TOO_LARGE'),
            '429': errorResponse('RATE_LIMITED'),
          },
        },
      },
      '/api/v1/processes/{id}': {
        get: {
          operationId: 'processForInitiator',
          summary: 'The process as its initiator sees it (the token is the one in the initiator\'s link /p/{id}/{token})',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'token', in: 'query', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          responses: { '200': { description: 'The process', content: { 'application/json': { schema: { type: 'object' } } } }, '404': errorResponse('PROCESS_NOT_FOUND (also for a wrong token)') },
        },
      },
      '/api/v1/processes/{id}/cancel': {
        post: {
          operationId: 'cancelProcess',
          summary: 'Cancel a process in progress, as its initiator; the parties invited so far and the cc are told',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' }, reason: { type: 'string', maxLength: 1000 } } } } } },
          responses: { '200': { description: 'The cancelled process' }, '404': errorResponse('PROCESS_NOT_FOUND'), '409': errorResponse('PROCESS_NOT_IN_PROGRESS') },
        },
      },
      '/api/v1/signing/{token}': {
        get: {
          operationId: 'signerView',
          summary: 'The process as this link\'s party sees it: parties, documents, whether it is their turn, ASAN İmza availability',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          responses: { '200': { description: 'The view' }, '404': errorResponse('LINK_INVALID') },
        },
      },
      '/api/v1/signing/{token}/documents/{documentId}': {
        get: {
          operationId: 'signerDocument',
          summary: 'The current version of a document (?download=1 as an attachment); a signed non-PDF is its ASiC-E container',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { name: 'documentId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The bytes' }, '404': errorResponse('NOT_FOUND or LINK_INVALID') },
        },
      },
      '/api/v1/signing/{token}/decline': {
        post: {
          operationId: 'decline',
          summary: 'Decline to sign, with a reason (1..1000 characters); the initiator, earlier parties and cc are told',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } } } },
          responses: { '200': { description: 'The process after declining' }, '400': errorResponse('DECLINE_REASON_REQUIRED or DECLINE_REASON_TOO_LONG'), '409': errorResponse('RECIPIENT_OUT_OF_TURN'), '410': errorResponse('LINK_USED or PROCESS_EXPIRED') },
        },
      },
      '/api/v1/signing/{token}/mobile': {
        post: {
          operationId: 'mobileStart',
          summary: 'Sign with ASAN İmza: each document goes to the phone in turn with its 4-digit verification code',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['phone', 'userId'], properties: { phone: { type: 'string' }, userId: { type: 'string' } } } } } },
          responses: { '200': { description: 'The run: {id, status, verificationCode, documentName, done, documents, expiresAt}' }, '400': errorResponse('PROVIDER_PHONE_INVALID or PROVIDER_USER_ID_INVALID'), '503': errorResponse('PROVIDER_NOT_CONFIGURED or MOBILE_SIGNATURE_SERVICE_UNAVAILABLE') },
        },
      },
      '/api/v1/signing/{token}/mobile/{runId}': {
        get: {
          operationId: 'mobilePoll',
          summary: 'Where a mobile signing run is (pending / signed / failed with its code); the page polls it',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { name: 'runId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The run' }, '404': errorResponse('SIGNING_SESSION_UNKNOWN') },
        },
      },
      // SİMA Web2App (AZ-ESIGN.md §4): the page's two routes, then the two the SİMA app calls.
      '/api/v1/signing/{token}/sima': {
        post: {
          operationId: 'simaStart',
          summary: 'Sign with SİMA: one Web2App operation per document, each with its QR code (SVG data URL), its URL and its sima:// deep link',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          responses: {
            '200': {
              description: 'The run',
              content: { 'application/json': { schema: { type: 'object', properties: { runId: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, operations: { type: 'array', items: { type: 'object', properties: { documentId: { type: 'string' }, name: { type: 'string' }, qrUrl: { type: 'string' }, deepLink: { type: 'string' }, qrImage: { type: 'string', description: 'data:image/svg+xml;base64,...' } } } } } } } },
            },
            '404': errorResponse('LINK_INVALID'),
            '409': errorResponse('RECIPIENT_OUT_OF_TURN or PROCESS_NOT_IN_PROGRESS'),
            '410': errorResponse('LINK_USED or PROCESS_EXPIRED'),
          },
        },
      },
      '/api/v1/signing/{token}/sima/{runId}': {
        get: {
          operationId: 'simaPoll',
          summary: 'Where a SİMA run is: waiting, signed (the step is recorded) or failed with its code (SIMA_*, SIMA_APP_* for the app\'s own errors)',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { name: 'runId', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          responses: {
            '200': { description: '{status: waiting|signed|failed, signedDocuments: [documentId], error?: {code, message}, process?}' },
            '404': errorResponse('SIMA_RUN_UNKNOWN'),
          },
        },
      },
      '/api/v1/sima/data': {
        get: {
          operationId: 'simaGetData',
          summary: 'GETDATA of the SİMA app: the QR URL itself. Headers ts-cert, ts-sign-alg: ECDSA_SHA256, ts-sign over path+query. Answers the data to sign (a PDF, or the ASiCManifest of a non-PDF document)',
          parameters: [{ name: 'tsquery', in: 'query', required: true, schema: { type: 'string', contentEncoding: 'base64' } }, ...SIMA_APP_HEADERS],
          responses: {
            '200': { description: '{filename, data: base64}' },
            '400': { description: '{status: "error", error: {code, message}}: SIMA_CONTRACT_INVALID or SIMA_REQUEST_INVALID' },
            ...SIMA_APP_REFUSALS,
            '404': { description: 'SIMA_OPERATION_UNKNOWN' },
            '425': { description: 'SIMA_CONTRACT_NOT_YET_VALID' },
          },
        },
      },
      '/api/v1/sima/callback': {
        post: {
          operationId: 'simaCallback',
          summary: 'The SİMA app\'s answer {Type, OperationId, DataSignature, SignedDataHash?, AlgName} or {OperationId, Error}; headers as GETDATA, ts-sign over the body',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['OperationId'], properties: { Type: { type: 'string' }, OperationId: { type: 'string' }, DataSignature: { type: 'string', contentEncoding: 'base64' }, SignedDataHash: { type: 'string' }, AlgName: { type: 'string' }, Error: { type: 'string' } } } } } },
          responses: {
            '200': { description: '{status: "success"}' },
            ...SIMA_APP_REFUSALS,
            '422': { description: 'SIMA_DOCUMENT_INVALID: what came back does not pass imzala\'s own check' },
          },
        },
      },
      // One-off signing sessions (ASAN İmza / SİMA for a file in no process). CORS: any origin, no cookies.
      '/api/v1/sessions': {
        post: {
          operationId: 'sessionCreate',
          summary: 'Sign one file on the phone without a process; the service keeps it in memory for this session only',
          description:
            `At most ${config.maxUploadBytes} bytes; at most ${config.rateLimitPerMinute} requests per minute per client address. ` +
            'ASAN İmza: the phone session starts at once (the answer has verificationCode). SİMA: the person types their FIN ' +
            '(the contract names who may sign; the app refuses anyone else); the answer has one QR operation. Everything ' +
            '(document and result) is deleted when the result is collected, on failure, on cancel, or 10 minutes after creation. ' +
            'The answer carries `secret`: the only credential of every later request (only its hash is kept).',
          parameters: [{ $ref: '#/components/parameters/lang' }],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file', 'tool'],
                  properties: {
                    file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The document: a PDF (signed with a PAdES update) or any other file (signed into an ASiC-E container)' },
                    tool: { enum: ['asan', 'sima'] },
                    phone: { type: 'string', description: 'ASAN İmza: the phone number (+994XXXXXXXXX or 0XX XXX XX XX)' },
                    userId: { type: 'string', description: 'ASAN İmza: the 6-digit user ID' },
                    fin: { type: 'string', description: 'SİMA: the signer\'s FIN (7 characters)' },
                    lang: { type: 'string', enum: ['az', 'en', 'ru'], description: 'Language of the phone\'s text and of messages' },
                  },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'The session',
              content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/SigningSession' }, { type: 'object', required: ['secret'], properties: { secret: { type: 'string', description: '256-bit capability, base64url' } } }] } } },
            },
            '400': errorResponse('SESSION_REQUEST_INVALID, SESSION_FIN_INVALID, FILE_MISSING, PROVIDER_PHONE_INVALID or PROVIDER_USER_ID_INVALID'),
            '403': errorResponse('CERTIFICATE_UNTRUSTED or MOBILE_SIGNATURE_CERT_SUSPENDED / _EXPIRED'),
            '404': errorResponse('MOBILE_SIGNATURE_CERT_NOT_FOUND'),
            '413': errorResponse('FILE_TOO_LARGE'),
            '429': errorResponse('RATE_LIMITED'),
            '503': errorResponse('SERVER_BUSY (too many sessions at once), SESSION_TOOL_UNAVAILABLE or MOBILE_SIGNATURE_SERVICE_UNAVAILABLE'),
          },
        },
      },
      '/api/v1/sessions/{id}': {
        get: {
          operationId: 'sessionStatus',
          summary: 'Where the session is: waiting, signed (signer and resultName) or failed (error {code, message}); ASAN: asks the phone',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'secret', in: 'query', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          responses: {
            '200': { description: 'The session', content: { 'application/json': { schema: { $ref: '#/components/schemas/SigningSession' } } } },
            '404': errorResponse('SESSION_NOT_FOUND: unknown, wrong secret, expired, cancelled or already collected'),
          },
        },
        delete: {
          operationId: 'sessionCancel',
          summary: 'Ends the session and deletes the document (ASAN: the phone session is cancelled)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'secret', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { '204': { description: 'Deleted' }, '404': errorResponse('SESSION_NOT_FOUND') },
        },
      },
      '/api/v1/sessions/{id}/result': {
        get: {
          operationId: 'sessionResult',
          summary: 'The signed file, once; then the session and every byte of it are deleted',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'secret', in: 'query', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The PDF with its new signature, or the ASiC-E container (<name>.asice) of any other file; accepted only after imzala\'s own check passed',
              content: { 'application/pdf': {}, 'application/vnd.etsi.asic-e+zip': {} },
            },
            '404': errorResponse('SESSION_NOT_FOUND (also the second time)'),
            '409': errorResponse('SESSION_NOT_SIGNED'),
          },
        },
      },
      '/api/v1/signing/{token}/prepare': {
        post: {
          operationId: 'prepareSignature',
          summary: 'The digests a signer\'s tool must sign (the value to sign is the digest of the CMS signed attributes)',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['certificate'], properties: { certificate: { type: 'string', contentEncoding: 'base64' }, chain: { type: 'array', items: { type: 'string', contentEncoding: 'base64' } } } } } },
          },
          responses: {
            '200': {
              description: 'Sign each digest as a pre-hashed value (RSA PKCS#1 v1.5 with DigestInfo, RSA-PSS, or ECDSA)',
              content: { 'application/json': { schema: { type: 'object', properties: { sessionId: { type: 'string' }, digests: { type: 'array', items: { type: 'object', properties: { documentId: { type: 'string' }, name: { type: 'string' }, digest: { type: 'string', contentEncoding: 'base64' }, digestAlgorithm: { type: 'string' } } } } } } } },
            },
            '400': errorResponse('CERTIFICATE_INVALID or SIGNING_REQUEST_INVALID'),
            '403': errorResponse('CERTIFICATE_UNTRUSTED or CERTIFICATE_IDENTITY_MISMATCH'),
            '404': errorResponse('LINK_INVALID'),
            '409': errorResponse('RECIPIENT_OUT_OF_TURN or PROCESS_NOT_IN_PROGRESS'),
            '410': errorResponse('LINK_USED or PROCESS_EXPIRED'),
          },
        },
      },
      '/api/v1/signing/{token}/complete': {
        post: {
          operationId: 'completeSignature',
          summary: 'Embed the signature values; accepted only after imzala\'s own verifier passed the result. Idempotent.',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/lang' }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['sessionId', 'signatures'], properties: { sessionId: { type: 'string' }, signatures: { type: 'array', items: { type: 'object', properties: { documentId: { type: 'string' }, signature: { type: 'string', contentEncoding: 'base64', description: 'ECDSA as DER or raw r||s' } } } } } } } },
          },
          responses: {
            '200': { description: 'The process after this signature', content: { 'application/json': { schema: { type: 'object', properties: { status: { type: 'string' }, process: { type: 'object' } } } } } },
            '400': errorResponse('SIGNER_PRODUCED_INVALID_SIGNATURE or SIGNING_REQUEST_INVALID'),
            '404': errorResponse('SIGNING_SESSION_UNKNOWN or LINK_INVALID'),
            '409': errorResponse('SIGNING_INPUT_CHANGED, RECIPIENT_OUT_OF_TURN or PROCESS_NOT_IN_PROGRESS'),
            '422': errorResponse('SIGNED_DOCUMENT_INVALID'),
          },
        },
      },
      '/api/v1/trust-anchors': {
        get: {
          operationId: 'trustAnchors',
          summary: 'The anchors the service checks against (also listed for people at /yoxla/etibar)',
          description: 'testTrust is true while only the TEST hierarchy is trusted. The in-browser check of /yoxla uses these anchors.',
          responses: {
            '200': {
              description: 'The anchors',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['testTrust', 'anchors'],
                    properties: {
                      testTrust: { type: 'boolean' },
                      anchors: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['subject', 'sha256', 'notBefore', 'notAfter', 'certificate'],
                          properties: {
                            subject: { type: 'string' },
                            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 fingerprint of the DER' },
                            notBefore: { type: 'string', format: 'date-time' },
                            notAfter: { type: 'string', format: 'date-time' },
                            certificate: { type: 'string', contentEncoding: 'base64', description: 'DER' },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      '/api/v1/trust-anchors/{sha256}.pem': {
        get: {
          operationId: 'trustAnchorPem',
          summary: 'One anchor as a PEM file',
          parameters: [{ name: 'sha256', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } }],
          responses: {
            '200': { description: 'The certificate', content: { 'application/x-pem-file': { schema: { type: 'string' } } } },
            '404': errorResponse('NOT_FOUND: no anchor with this fingerprint'),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This description',
          responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      parameters: {
        lang: { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['az', 'en', 'ru'] } },
      },
      schemas: {
        SigningSession: {
          type: 'object',
          required: ['id', 'tool', 'status', 'name', 'sha256', 'size', 'kind', 'expiresAt'],
          properties: {
            id: { type: 'string' },
            tool: { enum: ['asan', 'sima'] },
            status: { enum: ['waiting', 'signed', 'failed'] },
            name: { type: 'string' },
            sha256: { type: 'string', description: 'SHA-256 (hex) of the document received' },
            size: { type: 'integer' },
            kind: { enum: ['pdf', 'other'] },
            expiresAt: { type: 'string', format: 'date-time' },
            verificationCode: { type: 'string', description: 'ASAN İmza while waiting: the 4 digits the phone shows too' },
            operations: { type: 'array', items: { type: 'object', properties: { qrUrl: { type: 'string' }, deepLink: { type: 'string' }, qrImage: { type: 'string' } } } },
            signer: { type: 'object', properties: { name: { type: ['string', 'null'] }, fin: { type: ['string', 'null'] } } },
            resultName: { type: 'string' },
            error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string', description: 'Stable UPPER_SNAKE code' }, message: { type: 'string' } },
            },
          },
        },
        Report: {
          type: 'object',
          description: 'imzala.report/1 (see ARCHITECTURE.md, stable interface 2)',
          required: ['schema', 'file', 'checkedAt', 'trustAnchors', 'status', 'signatures'],
          properties: {
            schema: { const: 'imzala.report/1' },
            file: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                size: { type: 'integer' },
                sha256: { type: 'string' },
                format: { enum: ['pdf', 'cms', 'asic', 'unknown'] },
              },
            },
            checkedAt: { type: 'string', format: 'date-time' },
            trustAnchors: { type: 'array', items: { type: 'object', properties: { subject: { type: 'string' }, sha256: { type: 'string' } } } },
            status: { enum: ['VALID', 'VALID_WITH_WARNINGS', 'INDETERMINATE', 'INVALID', 'UNSIGNED'] },
            signatures: { type: 'array', items: { type: 'object' } },
          },
        },
      },
    },
  };
}
