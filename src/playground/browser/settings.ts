/**
 * The playground page's settings, which the server writes into `<script id="playground-config"
 * type="application/json">` (src/playground/playground.ts) and the page script reads: shared by
 * both sides.
 */
export interface PlaygroundSettings {
  /** Path of the GraphQL endpoint: POST for queries and mutations, its WebSocket for subscriptions. */
  endpoint: string;
  /** The name shown in GraphiQL's header. */
  title: string;
  /** Address of the visual explorer, linked beside the title; null for no link. */
  explorerUrl: string | null;
  /** The examples document, GraphiQL's default query. */
  examples: string;
  /** One tab per example operation, the first one shown first. */
  tabs: { query: string }[];
  /** Namespace of GraphiQL's local storage (tabs persist per version of the examples). */
  storageNamespace: string;
}

/** The id of the settings element. */
export const PLAYGROUND_SETTINGS_ID = 'playground-config';
