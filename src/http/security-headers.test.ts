import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

describe('security headers', () => {
  it('forbid framing, inline scripts and plugins on every page', () => {
    const h = securityHeaders({ secureCookies: false });
    expect(h['content-security-policy']).toContain("script-src 'self'");
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy']).toContain("object-src 'none'");
    expect(h['content-security-policy']).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
  });

  it('insist on HTTPS (HSTS, upgrade) only where cookies are secure, not in local development', () => {
    const local = securityHeaders({ secureCookies: false });
    expect(local['strict-transport-security']).toBeUndefined();
    expect(local['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const deployed = securityHeaders({ secureCookies: true });
    expect(deployed['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(deployed['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
