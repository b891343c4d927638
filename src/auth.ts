import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from './errors';

/** What a request may do: DISABLED when no API key is configured, else GRANTED with the right key, DENIED without it. */
export type WriteAccess = 'DISABLED' | 'GRANTED' | 'MISSING' | 'WRONG';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Reads `Authorization: Bearer <key>` and compares it with the configured key in constant time. */
export function writeAccessOf(authorization: string | undefined, apiKey: string | null): WriteAccess {
  if (apiKey === null) return 'DISABLED';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'MISSING';
  // Equal-length digests make the comparison constant-time whatever the key lengths.
  return timingSafeEqual(digest(match[1]), digest(apiKey)) ? 'GRANTED' : 'WRONG';
}

/** Throws unless the request may write: FORBIDDEN when writes are disabled, UNAUTHENTICATED without the right key. */
export function requireWriteAccess(access: WriteAccess): void {
  if (access === 'GRANTED') return;
  if (access === 'DISABLED') {
    throw new AppError(ErrorCode.FORBIDDEN, 'Writes are disabled on this server: set the API_KEY environment variable (16+ characters) and send it as "Authorization: Bearer <key>".');
  }
  throw new AppError(
    ErrorCode.UNAUTHENTICATED,
    access === 'MISSING' ? 'This mutation needs an API key: send "Authorization: Bearer <key>".' : 'The API key is not valid.',
  );
}
