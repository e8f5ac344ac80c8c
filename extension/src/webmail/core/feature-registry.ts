/**
 * Which features work on this page. A feature goes off when an adapter call throws FeatureUnavailable (a selector it
 * needs matched nothing): one console.info line per feature, never an exception into the page. The popup's "this tab"
 * section reads the state through `webmail:features`.
 */
import { FEATURES, FeatureUnavailable, type FeatureId } from './types.js';

export interface FeatureState {
  id: FeatureId;
  active: boolean;
  /** Why it is off: the selector id that matched nothing, or that this runtime does not offer the feature. */
  reason?: string;
  selectorId?: string;
}

/** The answer to `webmail:features`. */
export interface FeaturesAnswer {
  adapter: 'gmail' | 'outlook' | null;
  features: FeatureState[];
}

/** Also recognises a FeatureUnavailable from another bundle copy of types.ts (same shape, same name). */
export function asFeatureUnavailable(error: unknown): FeatureUnavailable | null {
  if (error instanceof FeatureUnavailable) return error;
  if (error instanceof Error && error.name === 'FeatureUnavailable') {
    const e = error as Error & { feature?: unknown; selectorId?: unknown };
    if (typeof e.feature === 'string' && (FEATURES as readonly string[]).includes(e.feature) && typeof e.selectorId === 'string') return error as FeatureUnavailable;
  }
  return null;
}

export class FeatureRegistry {
  private readonly off = new Map<FeatureId, { selectorId: string; reason: string }>();

  constructor(
    private readonly adapterId: 'gmail' | 'outlook',
    /** Features this runtime does not offer at all (listed as off with this reason). */
    private readonly notOffered: ReadonlyMap<FeatureId, string> = new Map(),
    private readonly log: (line: string) => void = (line) => console.info(line),
  ) {}

  isActive(feature: FeatureId): boolean {
    return !this.off.has(feature) && !this.notOffered.has(feature);
  }

  /** Turns `feature` off for the page; logs one line the first time. */
  turnOff(feature: FeatureId, selectorId: string, reason = `${selectorId} matched nothing`): void {
    if (this.off.has(feature)) return;
    this.off.set(feature, { selectorId, reason });
    this.log(`imzala: ${this.adapterId} ${feature} off: ${selectorId} matched nothing`);
  }

  /** Turns the error's feature off when it is a FeatureUnavailable; returns whether it was one. */
  absorb(error: unknown): boolean {
    const unavailable = asFeatureUnavailable(error);
    if (!unavailable) return false;
    this.turnOff(unavailable.feature, unavailable.selectorId);
    return true;
  }

  answer(): FeaturesAnswer {
    return {
      adapter: this.adapterId,
      features: FEATURES.map((id): FeatureState => {
        const off = this.off.get(id);
        if (off) return { id, active: false, reason: off.reason, selectorId: off.selectorId };
        const notOffered = this.notOffered.get(id);
        if (notOffered !== undefined) return { id, active: false, reason: notOffered };
        return { id, active: true };
      }),
    };
  }
}
