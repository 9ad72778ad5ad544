/**
 * The Content-Security-Policy for every page Key Desk shows, in the desktop window and in browser
 * mode: nothing loads from anywhere but the app itself (frames show only blob: PDFs the page made).
 * Styles allow inline because the component library injects its CSS at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  // The PDF preview: a frame showing a blob: address the page made from the core's bytes, nothing else.
  "frame-src blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The same policy for a <meta> tag, which may not carry frame-ancestors (the header does). */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
