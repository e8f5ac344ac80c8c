/**
 * Which entry names a ZIP may carry. A name is a path the reader will later compare with a manifest or a user
 * will extract, so anything that could point outside the container or mean two things is refused.
 */

/** Longest entry name accepted, in bytes (ZIP allows 65535; no real container needs more than this). */
export const MAX_ENTRY_NAME_BYTES = 1024;

/**
 * Why a name is unsafe, or null when it is a plain relative path: no absolute paths, drive letters,
 * backslashes, `.`/`..` or empty segments, control characters.
 */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'empty';
  if (name.startsWith('/')) return 'absolute path';
  // Backslash is a separator on Windows extractors: "..\\x" would escape there.
  if (name.includes('\\')) return 'backslash';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character';
  const segments = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/');
  for (const segment of segments) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return 'relative segment';
  }
  return null;
}

/** Directory entries end with a slash (APPNOTE 4.4.17). */
export function isDirectoryName(name: string): boolean {
  return name.endsWith('/');
}
