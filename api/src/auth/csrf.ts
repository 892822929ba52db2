import { csrfSync } from 'csrf-sync';

/** Synchroniser-token CSRF protection: the token lives in the session and travels in a header. */
export const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const h = req.headers['x-csrf-token'];
    return typeof h === 'string' ? h : undefined;
  },
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});
