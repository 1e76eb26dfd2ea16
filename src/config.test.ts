import { describe, expect, it } from 'vitest';
import { oidcSettings } from './config.js';

const full = {
  SECUREPATH_OIDC_ISSUER: 'https://login.example.nhs.uk/realms/trust',
  SECUREPATH_OIDC_CLIENT_ID: 'securepath',
  SECUREPATH_OIDC_CLIENT_SECRET: 's3cret',
  SECUREPATH_OIDC_REDIRECT_URI: 'https://securepath.example.nhs.uk/api/auth/oidc/callback',
  SECUREPATH_OIDC_NAME: 'NHS Care Identity',
};

describe('OpenID Connect settings', () => {
  it('are off when none is set (or all are empty)', () => {
    expect(oidcSettings({})).toBeNull();
    expect(oidcSettings({ SECUREPATH_OIDC_ISSUER: '', SECUREPATH_OIDC_NAME: '  ' })).toBeNull();
  });

  it('read a full set, with defaults for the claim and the button', () => {
    expect(oidcSettings(full)).toEqual({
      issuer: full.SECUREPATH_OIDC_ISSUER,
      clientId: 'securepath',
      clientSecret: 's3cret',
      redirectUri: full.SECUREPATH_OIDC_REDIRECT_URI,
      name: 'NHS Care Identity',
      usernameClaim: 'preferred_username',
      usernameDomain: undefined,
    });
    const minimal = oidcSettings({ ...full, SECUREPATH_OIDC_CLIENT_SECRET: undefined, SECUREPATH_OIDC_NAME: undefined, SECUREPATH_OIDC_USERNAME_CLAIM: 'email', SECUREPATH_OIDC_USERNAME_DOMAIN: '@NHS.net' });
    expect(minimal).toMatchObject({ clientSecret: undefined, name: 'single sign-on', usernameClaim: 'email', usernameDomain: 'nhs.net' });
  });

  it('refuse to start when set in part, naming what is missing', () => {
    expect(() => oidcSettings({ SECUREPATH_OIDC_ISSUER: full.SECUREPATH_OIDC_ISSUER })).toThrow(/SECUREPATH_OIDC_CLIENT_ID and SECUREPATH_OIDC_REDIRECT_URI/);
    expect(() => oidcSettings({ SECUREPATH_OIDC_NAME: 'NHS Care Identity' })).toThrow(/set SECUREPATH_OIDC_ISSUER and SECUREPATH_OIDC_CLIENT_ID and SECUREPATH_OIDC_REDIRECT_URI too/);
    expect(() => oidcSettings({ ...full, SECUREPATH_OIDC_CLIENT_ID: '' })).toThrow(/set SECUREPATH_OIDC_CLIENT_ID too/);
  });

  it('want https addresses, allowing plain http only on localhost', () => {
    expect(() => oidcSettings({ ...full, SECUREPATH_OIDC_ISSUER: 'http://login.example.nhs.uk' })).toThrow(/SECUREPATH_OIDC_ISSUER must be an https:\/\/ address/);
    expect(() => oidcSettings({ ...full, SECUREPATH_OIDC_ISSUER: 'login.example.nhs.uk' })).toThrow(/SECUREPATH_OIDC_ISSUER must be a full web address/);
    expect(() => oidcSettings({ ...full, SECUREPATH_OIDC_ISSUER: 'https://login.example.nhs.uk/?tenant=1' })).toThrow(/must not have a \?query/);
    expect(() => oidcSettings({ ...full, SECUREPATH_OIDC_REDIRECT_URI: 'http://securepath.example.nhs.uk/api/auth/oidc/callback' })).toThrow(/SECUREPATH_OIDC_REDIRECT_URI must be an https/);
    expect(oidcSettings({ ...full, SECUREPATH_OIDC_ISSUER: 'http://127.0.0.1:5556', SECUREPATH_OIDC_REDIRECT_URI: 'http://localhost:3000/api/auth/oidc/callback' })?.issuer).toBe('http://127.0.0.1:5556');
  });

  it('want the redirect address to be SecurePath’s callback', () => {
    expect(() => oidcSettings({ ...full, SECUREPATH_OIDC_REDIRECT_URI: 'https://securepath.example.nhs.uk/' })).toThrow(/followed by \/api\/auth\/oidc\/callback/);
  });

  it('check the claim name and the username domain', () => {
    expect(() => oidcSettings({ ...full, SECUREPATH_OIDC_USERNAME_CLAIM: 'preferred username' })).toThrow(/SECUREPATH_OIDC_USERNAME_CLAIM/);
    expect(() => oidcSettings({ ...full, SECUREPATH_OIDC_USERNAME_DOMAIN: 'nhs.net,trust.nhs.uk' })).toThrow(/one mail domain/);
  });
});
