import type { CheckPolicy } from './policy-document';
import type { PolicyValues } from './policy-keys';
import type { PolicyReading } from './policy-source';

/** What the app found of admin policy on this computer, for the log and the window. */
export interface PolicyStatus {
  /** `none`: no policy; `applied`: policy read and in force; `broken`: some policy could not be used (see problems). */
  state: 'none' | 'applied' | 'broken';
  /** Where the policy in force came from, lowest precedence first. */
  sources: string[];
  /** One sentence per place that could not be used; that place is ignored as a whole. */
  problems: { origin: string; message: string }[];
}

export interface MergedPolicy {
  enforced: PolicyValues;
  defaults: PolicyValues;
  status: PolicyStatus;
}

/**
 * Checks every reading against the schema and merges the good ones, later
 * readings winning key by key. A reading that is broken in any way is left
 * out whole (half a policy could lock the wrong things) and reported; the
 * app then runs on the rest, or on its own defaults.
 */
export const mergePolicyReadings = (readings: readonly PolicyReading[], check: CheckPolicy): MergedPolicy => {
  const enforced: PolicyValues = {};
  const defaults: PolicyValues = {};
  const sources: string[] = [];
  const problems: PolicyStatus['problems'] = [];
  for (const reading of readings) {
    if ('problem' in reading) {
      problems.push({ origin: reading.origin, message: reading.problem });
      continue;
    }
    const checked = check(reading.document);
    if (!checked.ok) {
      problems.push({ origin: reading.origin, message: `${reading.origin}: ${checked.problems.join('; ')}` });
      continue;
    }
    Object.assign(enforced, checked.document.Enforced ?? {});
    Object.assign(defaults, checked.document.Defaults ?? {});
    sources.push(reading.origin);
  }
  const state = problems.length > 0 ? 'broken' : sources.length > 0 ? 'applied' : 'none';
  return { enforced, defaults, status: { state, sources, problems } };
};
