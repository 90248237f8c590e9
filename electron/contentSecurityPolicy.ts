/**
 * One Content-Security-Policy for the desktop window and the web host: only the app's own files, no
 * remote content, no eval, no plugins, no framing, no form posts. Images may be data: URLs (QR codes
 * drawn in the page) and blob: (charts exported as pictures). renderer/index.html repeats it in a meta
 * tag; tests/unit/security checks the two agree.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "worker-src 'none'",
].join('; ');
