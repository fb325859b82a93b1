/** Where the test server takes bridge calls over HTTP (shared by the page's transport and the server). */
export const BRIDGE_HTTP_PATH = '/__bridge';
