import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, createPublicKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const VALID_DAYS = 5 * 365;
/** a certificate with less than this left is made again (same key) */
const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

export interface ShopCertificate {
  keyPem: string;
  certPem: string;
  /** SHA-256 of the certificate, AA:BB:… as browsers show it */
  fingerprint: string;
}

/** Where the shop's key and certificate live: next to the shop's database, the key 0600. */
export function certificateFiles(dbPath: string): { key: string; cert: string } {
  return { key: `${dbPath}.share-key.pem`, cert: `${dbPath}.share-cert.pem` };
}

function writePrivate(file: string, text: string, mode: number): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, text, { mode, flag: 'wx' });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

async function keysFrom(keyPem: string): Promise<CryptoKeyPair> {
  const priv = createPrivateKey(keyPem);
  const pub = createPublicKey(priv);
  const subtle = webcrypto.subtle;
  const privateKey = await subtle.importKey('pkcs8', priv.export({ type: 'pkcs8', format: 'der' }), ALG, true, ['sign']);
  const publicKey = await subtle.importKey('spki', pub.export({ type: 'spki', format: 'der' }), ALG, true, ['verify']);
  return { privateKey, publicKey } as CryptoKeyPair;
}

function usable(certPem: string, address: string, now: number): boolean {
  try {
    const c = new X509Certificate(certPem);
    const names = (c.subjectAltName ?? '').split(',').map((s) => s.trim().toLowerCase());
    return names.includes(`ip address:${address.toLowerCase()}`) && Date.parse(c.validTo) - now > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

/**
 * The shop's own certificate for the address it shares on (issue 18): an ECDSA P-256 key made once
 * and kept beside the shop's data (0600), reused across launches, and a self-signed certificate for
 * that IP address, made again only when the address changes or it nears its end. The fingerprint is
 * what the owner compares on the device once.
 */
export async function shopCertificate(dbPath: string, address: string, now = Date.now()): Promise<ShopCertificate> {
  const files = certificateFiles(dbPath);
  let keyPem: string;
  if (fs.existsSync(files.key)) {
    keyPem = fs.readFileSync(files.key, 'utf8');
    if (process.platform !== 'win32') fs.chmodSync(files.key, 0o600);
  } else {
    const pair = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey));
    keyPem = `-----BEGIN PRIVATE KEY-----\n${der
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')
      .trimEnd()}\n-----END PRIVATE KEY-----\n`;
    writePrivate(files.key, keyPem, 0o600);
  }
  let certPem = fs.existsSync(files.cert) ? fs.readFileSync(files.cert, 'utf8') : '';
  if (!usable(certPem, address, now)) {
    const keys = await keysFrom(keyPem);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomBytes(16)
        .toString('hex')
        .replace(/^[89a-f]/, '1'),
      name: 'CN=Regulars shop, O=Regulars',
      notBefore: new Date(now - 24 * 3600_000),
      notAfter: new Date(now + VALID_DAYS * 24 * 3600_000),
      signingAlgorithm: ALG,
      keys,
      extensions: [
        new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: address }]),
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ],
    });
    certPem = cert.toString('pem') + '\n';
    writePrivate(files.cert, certPem, 0o600);
  }
  return { keyPem, certPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
}
