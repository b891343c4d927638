/**
 * The explorer page's settings, which the server writes into `<script id="explore-config"
 * type="application/json">` (src/explore/explore.page.ts) and the page script reads: shared by both
 * sides.
 */
export interface ExploreSettings {
  /** Key of the study to show first. */
  study: string;
  /** Where the page POSTs GraphQL requests. */
  endpoint: string;
  /** Path of the forest plot SVG endpoint. */
  forest: string;
  /** The EffectMeasure enum's values, offered by the forest tab. */
  effectMeasures: readonly string[];
}

/** The id of the settings element. */
export const EXPLORE_SETTINGS_ID = 'explore-config';
