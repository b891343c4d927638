/**
 * Read-your-writes across instances of the server: a response to a request that wrote carries
 * Neo4j's bookmarks (in `extensions.bookmarks` and this header); a client that sends them back in
 * this header has its request wait until the database it reads from has applied that write.
 */
export const BOOKMARKS_HEADER = 'neo4j-bookmarks';

/** Bookmarks one request may carry: a client needs those of its last write, one per database. */
export const MAX_BOOKMARKS = 16;
/** Characters of one bookmark (Neo4j 5's are about 30). */
export const MAX_BOOKMARK_LENGTH = 512;

/** Printable ASCII without space or comma (the separator): what Neo4j's opaque bookmarks are made of. */
const BOOKMARK = /^[\x21-\x2b\x2d-\x7e]+$/;

/**
 * The bookmarks of a request's `neo4j-bookmarks` header (comma-separated, as repeated headers
 * are joined; empty entries are ignored), or the reason they are refused. Only their shape is
 * checked here; Neo4j refuses bookmarks that are not its own (INVALID_BOOKMARKS as well).
 */
export function bookmarksOf(header: string | string[] | undefined): { bookmarks: string[] } | { error: string } {
  // Most requests send none.
  if (header === undefined) return { bookmarks: [] };
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bookmarks = [...new Set(entries)];
  if (bookmarks.length > MAX_BOOKMARKS) {
    return {
      error: `The ${BOOKMARKS_HEADER} header holds ${bookmarks.length} bookmarks; at most ${MAX_BOOKMARKS} are accepted (send those of your last write).`,
    };
  }
  for (const [index, bookmark] of bookmarks.entries()) {
    if (bookmark.length > MAX_BOOKMARK_LENGTH) {
      return {
        error: `Bookmark ${index + 1} of the ${BOOKMARKS_HEADER} header has ${bookmark.length} characters; at most ${MAX_BOOKMARK_LENGTH} are accepted.`,
      };
    }
    if (!BOOKMARK.test(bookmark)) {
      return {
        error: `Bookmark ${index + 1} of the ${BOOKMARKS_HEADER} header holds a character that no bookmark has: send the bookmarks a response returned, separated by commas.`,
      };
    }
  }
  return { bookmarks };
}
