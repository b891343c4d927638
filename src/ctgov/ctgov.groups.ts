/**
 * The result groups of a ClinicalTrials.gov record and their ties to its arm groups (pure).
 *
 * Each results module (participant flow, baseline, every outcome measure, adverse events) defines
 * its own groups (FG000, BG000, OG000, EG000), and an id means a different group in each module:
 * OG000 is "Placebo (FAS)" in one measure and "CZP 200 mg Q2W (SS)" in another. A group is
 * therefore known by its title and description: groups of the same title and description in
 * several modules are one result group of the study.
 *
 * A result group is an arm only where the record makes the tie unambiguous; any other group (an
 * analysis population, a period, an open-label extension, an observational cohort) stays a group
 * of its own, and its values are kept on it.
 */
import { normalise } from './ctgov.match';

export type ArmTie = 'TITLE' | 'TITLE_WITH_QUALIFIER' | 'DESCRIPTION';

export interface ArmGroup {
  id: string;
  label: string;
  description: string | null;
}

/** Lower case, punctuation as spaces, spaces collapsed: "Placebo->OL CZP" → "placebo ol czp". */
export const plain = (text: string): string =>
  normalise(text)
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();

/** The title without its trailing parenthesised qualifiers: "Placebo (FAS)" → "Placebo". */
const withoutQualifiers = (title: string): string | null => {
  const stripped = title.replace(/(\s*\([^()]*\))+\s*$/, '');
  return stripped !== title && stripped.trim().length > 0 ? stripped : null;
};

/**
 * The arm a result group is, and why; null when no rule, or more than one arm, fits. The rules,
 * strongest first (the first that names exactly one arm decides):
 * - TITLE: the title equals the arm's label apart from case and punctuation;
 * - TITLE_WITH_QUALIFIER: the title is the arm's label followed by parenthesised qualifiers
 *   ("Placebo (FAS)"); "Placebo->OL CZP (SS)", a subset that switched treatment, is not;
 * - DESCRIPTION: the group's description is the arm's description, or begins with it, apart
 *   from case and punctuation (registries copy the arm description into each group).
 */
export function tieToArm(group: { title: string; description: string | null }, arms: ArmGroup[]): { arm: string; tie: ArmTie } | null {
  const title = plain(group.title);
  const qualified = withoutQualifiers(group.title);
  const description = group.description ? plain(group.description) : null;
  const rules: [ArmTie, (arm: ArmGroup) => boolean][] = [
    ['TITLE', (arm) => plain(arm.label) === title],
    ['TITLE_WITH_QUALIFIER', (arm) => qualified !== null && plain(arm.label) === plain(qualified)],
    ['DESCRIPTION', (arm) => description !== null && arm.description !== null && plain(arm.description).length > 0 && description.startsWith(plain(arm.description))],
  ];
  for (const [tie, fits] of rules) {
    const found = arms.filter(fits);
    if (found.length === 1) return { arm: found[0].id, tie };
    if (found.length > 1) return null;
  }
  return null;
}

/**
 * The direction of an analysis in the record's own words: "Odds ratio: CZP/Placebo",
 * "Dupilumab 300 mg qw vs. Placebo qw". Returns the indexes (in `groups`) of the group whose
 * effect is estimated and of the group it is compared with, or null when the words name no two
 * distinct groups of the analysis. A side names a group when the group's title (without its
 * qualifiers) equals it or begins with it as whole words ("CZP" → "CZP 200 mg Q2W (FAS)").
 */
export function directionOf(texts: (string | null)[], groups: { title: string }[]): { treatment: number; reference: number } | null {
  const titles = groups.map((g) => plain(withoutQualifiers(g.title) ?? g.title));
  const named = (side: string): number | null => {
    const s = plain(side);
    if (s.length === 0) return null;
    const exact = titles.flatMap((t, i) => (t === s ? [i] : []));
    if (exact.length === 1) return exact[0];
    const prefix = titles.flatMap((t, i) => (t.startsWith(`${s} `) ? [i] : []));
    return prefix.length === 1 ? prefix[0] : null;
  };
  for (const text of texts) {
    if (!text) continue;
    // The last "A vs B" or "A/B" of the text, each side a run of words without sentence punctuation.
    const patterns = [/([^.:;,()]+?)\s+(?:vs\.?|versus)\s+([^.:;,()]+)/gi, /([\p{L}\p{N} -]+?)\s*\/\s*([\p{L}\p{N} -]+)/giu];
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) {
        // A side may carry words before the group's name ("Odds ratio CZP"): try its shorter tails too.
        const tails = (side: string) => {
          const words = side.trim().split(/\s+/);
          return words.map((_, i) => words.slice(i).join(' '));
        };
        const heads = (side: string) => {
          const words = side.trim().split(/\s+/);
          return words.map((_, i) => words.slice(0, words.length - i).join(' '));
        };
        const treatment = tails(m[1]).map(named).find((i) => i !== null) ?? null;
        const reference = heads(m[2]).map(named).find((i) => i !== null) ?? null;
        if (treatment !== null && reference !== null && treatment !== reference) return { treatment, reference };
      }
    }
  }
  return null;
}
