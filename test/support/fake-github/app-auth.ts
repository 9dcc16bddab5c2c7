// GitHub App authentication as GitHub checks it: an RS256 JWT signed with the app's private key
// (iss = app id) buys an installation access token, which then authenticates API calls.
import { createPublicKey, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface FakeApp {
  appId: string;
  installationId: string;
  /** PEM of the public half of the app's key. */
  publicKey: string;
}

/** A fresh RSA key pair for a test app (PKCS#1 PEM, like the keys GitHub hands out). */
export function generateAppKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey };
}

function base64url(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Checks an app JWT; the reason it is refused, or undefined when it is good. */
export function verifyAppJwt(jwt: string, app: FakeApp): string | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'A JSON web token could not be decoded';
  const [header, payload, signature] = parts;
  let key: KeyObject;
  try {
    key = createPublicKey(app.publicKey);
  } catch {
    return 'the fake app has no usable public key';
  }
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(key, base64url(signature))) return 'A JSON web token could not be decoded';
  const claims = JSON.parse(base64url(payload).toString('utf8')) as { iss?: unknown; exp?: number; iat?: number };
  if (String(claims.iss) !== String(app.appId)) return 'Integration not found';
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp < now)
    return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
  return undefined;
}

export function newInstallationToken(): string {
  return `ghs_${randomBytes(18).toString('hex')}`;
}
