/**
 * HTTPS certificate for the dev server (https://localhost:3000), as the Office tooling makes it.
 *
 * office-addin-dev-certs keeps a CA and a localhost certificate in ~/.office-addin-dev-certs/
 * ({ca.crt, localhost.crt, localhost.key}). Its getHttpsServerOptions() also installs the CA into
 * the system trust store: on Windows and macOS that works (with a prompt); on Linux it calls sudo,
 * which fails (or waits for a password), and then it throws although the files were written.
 * So:
 *   1. Windows/macOS: getHttpsServerOptions() (creates, trusts and reads the certificate).
 *   2. Otherwise, or if that fails: read the files when they exist, match and are not expired.
 *   3. Otherwise: create them with generateCertificates() (no trust step) and read them.
 * The browser (or Excel) must trust ca.crt for Office to load the add-in; `trustHint()` says how.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const CERT_DIR = path.join(os.homedir(), '.office-addin-dev-certs');
const CA = path.join(CERT_DIR, 'ca.crt');
const CERT = path.join(CERT_DIR, 'localhost.crt');
const KEY = path.join(CERT_DIR, 'localhost.key');

/** Reads the three files; returns null when one is missing, unreadable, mismatched or expiring. */
function readCertFiles() {
  try {
    const ca = fs.readFileSync(CA);
    const cert = fs.readFileSync(CERT);
    const key = fs.readFileSync(KEY);
    const x509 = new crypto.X509Certificate(cert);
    const oneHour = 60 * 60 * 1000;
    if (Date.parse(x509.validTo) - Date.now() < oneHour) return null;
    if (!x509.checkPrivateKey(crypto.createPrivateKey(key))) return null;
    return { ca, cert, key, validTo: x509.validTo };
  } catch {
    return null;
  }
}

function loadDevCertsModule() {
  try {
    return require('office-addin-dev-certs');
  } catch {
    return null;
  }
}

/**
 * @param {{log?: (msg: string) => void}} [opts]
 * @returns {Promise<{ca: Buffer, cert: Buffer, key: Buffer, source: string}>}
 */
async function getHttpsOptions(opts = {}) {
  const log = opts.log || ((msg) => console.log(msg));
  const devCerts = loadDevCertsModule();
  const canTrust = process.platform === 'win32' || process.platform === 'darwin';

  if (devCerts && canTrust) {
    try {
      const o = await devCerts.getHttpsServerOptions();
      return { ca: o.ca, cert: o.cert, key: o.key, source: 'office-addin-dev-certs' };
    } catch (err) {
      log(`office-addin-dev-certs could not install its certificate (${firstLine(err)}); using the files in ${CERT_DIR}.`);
    }
  }

  let files = readCertFiles();
  if (files) return { ...files, source: CERT_DIR };

  if (devCerts) {
    try {
      log(`Creating a development certificate for localhost in ${CERT_DIR} …`);
      for (const f of [CA, CERT, KEY]) fs.rmSync(f, { force: true });
      await devCerts.generateCertificates(CA, CERT, KEY);
    } catch (err) {
      throw new Error(`Could not create a development certificate: ${firstLine(err)}\n${trustHint()}`);
    }
    files = readCertFiles();
    if (files) return { ...files, source: `${CERT_DIR} (new)` };
  }
  throw new Error(`No usable development certificate in ${CERT_DIR}.\n${trustHint()}`);
}

function firstLine(err) {
  return String((err && err.message) || err).split('\n')[0];
}

/** How to create and trust the certificate by hand (printed by npm start). */
function trustHint() {
  return [
    `The dev server uses ${CERT} and ${KEY}, signed by ${CA}.`,
    'To create them: npx office-addin-dev-certs install   (on Windows/macOS this also trusts the CA;',
    '  on Linux it writes the files and then fails at the sudo step, which is fine for serving).',
    'To trust them on Linux: import ca.crt as an authority in the browser (Chrome/Edge: Settings →',
    '  Privacy and security → Security → Manage certificates → Authorities → Import; Firefox: Settings →',
    '  Certificates → View Certificates → Authorities → Import), or system-wide:',
    `  sudo cp ${CA} /usr/local/share/ca-certificates/office-addin-dev-ca.crt && sudo update-ca-certificates`,
  ].join('\n');
}

module.exports = { getHttpsOptions, readCertFiles, trustHint, CERT_DIR, CA, CERT, KEY };
