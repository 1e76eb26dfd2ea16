import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers every response carries: a strict Content-Security-Policy, no framing, no
 * sniffing, no referrer, HSTS outside local development. They are the same on every response, so
 * helmet works them out once here; its Fastify plugin rebuilt helmet, and re-parsed the policy, on
 * every request (about a twentieth of a patient read).
 */
export function securityHeaders(opts: { secureCookies: boolean }): Record<string, string> {
  const options: HelmetOptions = {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through style attributes and one style element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: opts.secureCookies,
  };
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => void headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  let failure: unknown;
  // With only fixed directives, helmet's middleware is synchronous and only sets headers.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => void (failure = err));
  if (failure) throw failure;
  return Object.fromEntries(headers);
}

export function registerSecurityHeaders(app: FastifyInstance, opts: { secureCookies: boolean }) {
  const headers = securityHeaders(opts);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/**
 * Every answer of the API is kept by no browser or proxy (`Cache-Control: no-store`): a record read
 * on a shared ward computer must not stay in its cache for the next person to find, and no list is
 * ever shown from a cache after it changed. The web app's own files carry no patient data and may be
 * cached. Registered first in the API's scope, so refusals (401, 403, 404) carry it too.
 */
export function registerNoStore(api: FastifyInstance) {
  api.addHook('onRequest', (_request, reply, done) => {
    reply.header('cache-control', 'no-store');
    done();
  });
}
