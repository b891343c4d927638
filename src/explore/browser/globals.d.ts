// What the explorer page defines before its script runs: cytoscape's browser build, loaded by
// the `<script>` before explore.js (src/explore/explore.page.ts); and what the script itself
// exposes for the browser tests.
import type { Core } from 'cytoscape';

declare global {
  const cytoscape: typeof import('cytoscape');
  interface Window {
    /** The graph, for the browser tests (test/e2e/explore.e2e.test.ts). */
    explorer: { cy: Core };
  }
}
