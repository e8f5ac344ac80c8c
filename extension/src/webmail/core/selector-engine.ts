/**
 * Runs an adapter's SelectorSpecs: the alternatives are tried in order and the first that matches anything wins, so a
 * webmail that moved to a newer structure is found by the newer alternative while the older one still works where the
 * old structure is served. A selector that the browser refuses (a typo, a pseudo-class it lacks) counts as matching
 * nothing rather than throwing into the page.
 */
import type { SelectorAlternative, SelectorSpec } from './types.js';

export interface SelectorMatch {
  alternative: SelectorAlternative;
  /** Index of the winning alternative in spec.alternatives (0 = the newest structure). */
  index: number;
  elements: Element[];
}

function select(root: ParentNode, css: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(css));
  } catch {
    return [];
  }
}

/** The first alternative of `spec` that matches anything inside `root` (root itself included), or null. */
export function firstMatching(root: ParentNode, spec: SelectorSpec): SelectorMatch | null {
  for (let index = 0; index < spec.alternatives.length; index++) {
    const alternative = spec.alternatives[index]!;
    const elements = select(root, alternative.css);
    // An added subtree's own root may be the element the spec names (querySelectorAll looks only below it).
    if (root instanceof Element && matchesSelf(root, alternative.css)) elements.unshift(root);
    if (elements.length > 0) return { alternative, index, elements };
  }
  return null;
}

function matchesSelf(element: Element, css: string): boolean {
  try {
    return element.matches(css);
  } catch {
    return false;
  }
}

/** Every element the winning alternative of `spec` matches inside `root` (empty when none matches). */
export function queryAll(root: ParentNode, spec: SelectorSpec): Element[] {
  return firstMatching(root, spec)?.elements ?? [];
}

/** The first element the winning alternative of `spec` matches inside `root`, or null. */
export function queryOne(root: ParentNode, spec: SelectorSpec): Element | null {
  return firstMatching(root, spec)?.elements[0] ?? null;
}

/** The nearest ancestor of `element` (or itself) that one of `spec`'s alternatives matches, tried in order. */
export function closestMatching(element: Element, spec: SelectorSpec): Element | null {
  for (const alternative of spec.alternatives) {
    try {
      const found = element.closest(alternative.css);
      if (found) return found;
    } catch {
      // a selector this browser refuses matches nothing
    }
  }
  return null;
}
