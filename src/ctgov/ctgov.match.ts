/**
 * The concept-matching rule of the ClinicalTrials.gov importer (pure, deterministic).
 *
 * An imported condition, intervention or outcome joins an existing concept of its kind:
 *   1. by code: a concept that has one of the item's MeSH codes;
 *   2. by name: a concept whose name equals one of the item's texts;
 *   3. by synonym: a concept one of whose synonyms equals one of the item's texts;
 *   4. (outcomes only) by words: a concept whose name, abbreviation or a synonym appears in the
 *      outcome title as whole words; the longest such text wins.
 * Texts compare case-insensitively after trimming and collapsing white space, and otherwise
 * exactly. Within a step the item's texts are tried in order (its name first), and concepts in key
 * order, so the first hit is always the same. No match: the importer creates a new concept
 * (`newConceptKey`), marked IMPORTED_UNREVIEWED.
 */

export interface CatalogCode {
  system: string;
  code: string;
  display: string | null;
  source: string | null;
}

/** A stored concept as the importer sees it: what it matches on, and what a vocabulary entry of a concept it creates holds. */
export interface CatalogConcept {
  id: string;
  name: string;
  synonyms: string[];
  codes: CatalogCode[];
  curation: 'CURATED' | 'IMPORTED_UNREVIEWED';
  broader: string[];
  /** Conditions and interventions. */
  kind?: string;
  /** Outcome concepts. */
  abbreviation?: string | null;
}

export type ConceptKind = 'conditions' | 'interventions' | 'outcomeConcepts';

/** The concepts and studies an import matches against. */
export interface Catalog {
  conditions: CatalogConcept[];
  interventions: CatalogConcept[];
  outcomeConcepts: CatalogConcept[];
  /** Studies holding a ClinicalTrials.gov id: key, origin and their NCT ids. */
  studies: { id: string; origin: string; nctIds: string[] }[];
}

export const emptyCatalog = (): Catalog => ({ conditions: [], interventions: [], outcomeConcepts: [], studies: [] });

/** Lower case, trimmed, inner white space collapsed: the form texts are compared in. */
export const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

export type MatchRule = 'code' | 'name' | 'synonym' | 'words';

export interface Match {
  concept: CatalogConcept;
  rule: MatchRule;
}

const byId = (a: CatalogConcept, b: CatalogConcept) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** True when `needle` appears in `haystack` as whole words (no letter or digit on either side); both normalised. */
export function containsWords(haystack: string, needle: string): boolean {
  if (needle.length === 0) return false;
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : haystack[at - 1];
    const after = haystack[at + needle.length] ?? '';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    from = at + 1;
  }
}

/**
 * The existing concept an imported item joins, or null. `texts`: the item's name first, then its
 * other names; `codes`: its codes as "SYSTEM:code"; `words`: also match concepts named inside the
 * first text (outcome titles).
 */
export function matchConcept(
  concepts: readonly CatalogConcept[],
  item: { texts: string[]; codes?: string[]; words?: boolean },
): Match | null {
  const sorted = [...concepts].sort(byId);
  const codes = new Set(item.codes ?? []);
  if (codes.size > 0) {
    const hit = sorted.find((c) => c.codes.some((code) => codes.has(`${code.system}:${code.code}`)));
    if (hit) return { concept: hit, rule: 'code' };
  }
  const texts = item.texts.map(normalise).filter((t) => t.length > 0);
  for (const text of texts) {
    const hit = sorted.find((c) => normalise(c.name) === text);
    if (hit) return { concept: hit, rule: 'name' };
  }
  for (const text of texts) {
    const hit = sorted.find((c) => c.synonyms.some((s) => normalise(s) === text));
    if (hit) return { concept: hit, rule: 'synonym' };
  }
  if (item.words && texts.length > 0) {
    const title = texts[0];
    let best: { concept: CatalogConcept; length: number } | null = null;
    for (const c of sorted) {
      for (const candidate of [c.name, c.abbreviation ?? '', ...c.synonyms]) {
        const words = normalise(candidate);
        // Strictly longer replaces: of equally long matches the first concept in key order stays.
        if (words.length > (best?.length ?? 0) && containsWords(title, words))
          best = { concept: c, length: words.length };
      }
    }
    if (best) return { concept: best.concept, rule: 'words' };
  }
  return null;
}

/** Lower-case letters and digits joined by single hyphens, at most `max` characters (cut at a hyphen). */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 0 ? cut.slice(0, hyphen) : cut).replace(/-+$/g, '');
}

/** `base`, or `base-2`, `base-3`… : the first not in `taken`. */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The key of a new concept: its name slugified (with the import's key prefix), made unique among `taken`. */
export function newConceptKey(name: string, taken: ReadonlySet<string>, prefix = ''): string {
  const slug = slugify(name) || 'concept';
  return uniqueKey(prefix ? `${prefix}-${slug}` : slug, taken);
}
