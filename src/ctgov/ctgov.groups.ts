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
export function tieToArm(
  group: { title: string; description: string | null },
  arms: ArmGroup[],
): { arm: string; tie: ArmTie } | null {
  const title = plain(group.title);
  const qualified = withoutQualifiers(group.title);
  const description = group.description ? plain(group.description) : null;
  const rules: [ArmTie, (arm: ArmGroup) => boolean][] = [
    ['TITLE', (arm) => plain(arm.label) === title],
    ['TITLE_WITH_QUALIFIER', (arm) => qualified !== null && plain(arm.label) === plain(qualified)],
    [
      'DESCRIPTION',
      (arm) =>
        description !== null &&
        arm.description !== null &&
        plain(arm.description).length > 0 &&
        description.startsWith(plain(arm.description)),
    ],
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
 * distinct groups of the analysis. Around a "vs", "versus" or "/", the words just before name the
 * treatment and the words just after the reference: a run of words names a group when the
 * group's title (with or without its parenthesised qualifiers) is it or begins with it, and no
 * other group's does ("CZP" → "CZP 200 mg Q2W (FAS)"); the longest such run decides.
 */
export function directionOf(
  texts: (string | null)[],
  groups: { title: string }[],
): { treatment: number; reference: number } | null {
  const forms = groups.map((g) => [plain(g.title), plain(withoutQualifiers(g.title) ?? g.title)]);
  const named = (phrase: string): number | null => {
    const hits = forms.flatMap((titles, i) =>
      titles.some((t) => t === phrase || t.startsWith(`${phrase} `)) ? [i] : [],
    );
    return hits.length === 1 ? hits[0] : null;
  };
  /** The group the longest run of `words` names, the runs ending at the last word (`fromEnd`) or starting at the first. */
  const longest = (words: string[], fromEnd: boolean): number | null => {
    for (let n = words.length; n > 0; n -= 1) {
      const found = named((fromEnd ? words.slice(words.length - n) : words.slice(0, n)).join(' '));
      if (found !== null) return found;
    }
    return null;
  };
  for (const text of texts) {
    if (!text) continue;
    const parts = plain(text.replace(/\//g, ' vs ')).split(/ (?:vs|versus) /);
    for (let i = 0; i + 1 < parts.length; i += 1) {
      const treatment = longest(parts[i].split(' '), true);
      const reference = longest(parts[i + 1].split(' '), false);
      if (treatment !== null && reference !== null && treatment !== reference) return { treatment, reference };
    }
  }
  return null;
}
