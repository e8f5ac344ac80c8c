/** Chrome's messages.json substitutions, done the same way for the words the pages fetch themselves. */

/** Fills `$1`…`$9` (and `$$` as a dollar sign) the way chrome.i18n.getMessage does; a missing one becomes ''. */
export function substitute(message: string, substitutions: readonly (string | number)[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : String(substitutions[Number(which) - 1] ?? '')));
}
