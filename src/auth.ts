import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from './errors';

/** What a request may do: DISABLED when no API key is configured, else GRANTED with the right key, DENIED without it. */
export type WriteAccess = 'DISABLED' | 'GRANTED' | 'MISSING' | 'WRONG';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** A key that enables the mutations, with the name the versions of a study record as who made a change. */
export interface ApiKey {
  name: string;
  key: string;
}

/** The name API_KEY goes by in the versions of a study. */
export const DEFAULT_KEY_NAME = 'api-key';

/** The keys of a configuration: the named API_KEYS, and API_KEY named DEFAULT_KEY_NAME. */
export function writeKeys(config: { apiKey: string | null; apiKeys: readonly ApiKey[] }): ApiKey[] {
  return [...config.apiKeys, ...(config.apiKey !== null ? [{ name: DEFAULT_KEY_NAME, key: config.apiKey }] : [])];
}

/**
 * Reads `Authorization: Bearer <key>` and compares it with every configured key in constant time;
 * with the right key, `writer` is its name.
 */
export function writeAccessOf(
  authorization: string | undefined,
  keys: readonly ApiKey[],
): { access: WriteAccess; writer: string | null } {
  if (keys.length === 0) return { access: 'DISABLED', writer: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return { access: 'MISSING', writer: null };
  // Equal-length digests make each comparison constant-time whatever the key lengths; every key is compared.
  const sent = digest(match[1]);
  const found = keys.filter((k) => timingSafeEqual(sent, digest(k.key)));
  return found.length > 0 ? { access: 'GRANTED', writer: found[0].name } : { access: 'WRONG', writer: null };
}

/** Throws unless the request may write: FORBIDDEN when writes are disabled, UNAUTHENTICATED without the right key. */
export function requireWriteAccess(access: WriteAccess): void {
  if (access === 'GRANTED') return;
  if (access === 'DISABLED') {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      'Writes are disabled on this server: set the API_KEY environment variable (16+ characters) and send it as "Authorization: Bearer <key>".',
    );
  }
  throw new AppError(
    ErrorCode.UNAUTHENTICATED,
    access === 'MISSING'
      ? 'This mutation needs an API key: send "Authorization: Bearer <key>".'
      : 'The API key is not valid.',
  );
}
