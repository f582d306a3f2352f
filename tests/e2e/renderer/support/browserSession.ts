// The browser session now lives with the other shared test helpers; this path stays for the tests that import it.
export { openBrowserSession, browserSessionForSuite, type BrowserSession } from '../../../support/browserApp.js';
