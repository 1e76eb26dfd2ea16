import { useRef } from 'react';

/**
 * One Idempotency-Key per distinct submission of a form: a double click or a retry after a dropped
 * connection sends the same key and is recorded once; changing the form (adding a reason, say) makes
 * a new request with a new key.
 */
export function useIdempotencyKeys() {
  const keys = useRef(new Map<string, string>());
  return (input: unknown): string => {
    const body = JSON.stringify(input);
    let key = keys.current.get(body);
    if (!key) {
      // getRandomValues works outside secure contexts too, unlike randomUUID.
      key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
      keys.current.set(body, key);
    }
    return key;
  };
}
