/**
 * The version of the messages between the web page, the extension and the native host. All three sides check it:
 * a side that sees another number refuses with VERSION_MISMATCH instead of guessing what a field means.
 * Raise it only for an incompatible change; adding an optional field is compatible.
 */
export const PROTOCOL_VERSION = 1;

/** The native messaging host's registered name (host manifests, runtime.connectNative). */
export const NATIVE_HOST_NAME = 'az.imzala.host';

/** The signing tools a page may offer; the extension's policy may allow fewer. */
export type SigningTool = 'token' | 'asan' | 'sima';
export const SIGNING_TOOLS: readonly SigningTool[] = ['token', 'asan', 'sima'];
