/**
 * Every kind of error a user can be shown, as a closed list: main raises only these, the renderer
 * can branch on them, and a new kind is added here or it does not compile.
 */
export const ERROR_KINDS = [
  // Kraken's documented error codes, camel-cased where Kraken uses spaces ('Json Parse Error' → jsonParseError)
  'accountInactive',
  'apiLimitExceeded',
  'authenticationError',
  'insufficientFunds',
  'invalidAccount',
  'invalidAmount',
  'invalidArgument',
  'invalidUnit',
  'jsonParseError',
  'marketUnavailable',
  'nonceBelowThreshold',
  'nonceDuplicate',
  'notFound',
  'requiredArgumentMissing',
  'serverError',
  'unavailable',
  'unknownError',
  // a Kraken code not in the spec (new codes, `unknown`)
  'unrecognisedErrorCode',
  // HTTP statuses without a Kraken error body
  'httpUnauthorized',
  'httpForbidden',
  'httpTooManyRequests',
  'httpServerError',
  'httpUnexpectedStatus',
  // exchange bodies
  'htmlBody',
  'notJson',
  'truncatedJson',
  'schemaMismatch',
  'responseTooLarge',
  // transport
  'timeout',
  'connectionRefused',
  'dnsFailure',
  'connectionDropped',
  'networkError',
  'aborted',
  // Spot REST (the Unified WebSocket's token and the key check)
  'spotInvalidKey',
  'spotInvalidSignature',
  'spotInvalidNonce',
  'spotPermissionDenied',
  'spotTemporaryLockout',
  'spotInvalidArguments',
  'spotServiceUnavailable',
  'spotRateLimited',
  'spotUnrecognisedError',
  // the Unified WebSocket connection
  'uwsConnectFailed',
  'uwsConnectionClosed',
  'uwsHeartbeatTimeout',
  'uwsFrameTooLarge',
  'uwsMessageRateExceeded',
  'uwsMalformedFrame',
  'uwsSubscribeRejected',
  'uwsSessionExpired',
  'uwsSnapshotTooLarge',
  'uwsInsecureAddress',
  'uwsPositionsSnapshotMissing',
  // credentials, refused before anything is sent, or missing from the keychain
  'invalidSecret',
  'invalidApiKey',
  'credentialsMissing',
  'keychainUnavailable',
  'keychainLocked',
  'keychainEntryLeft',
  // profiles, store and the bridge
  'profileNotFound',
  'deskNotFound',
  'databaseLocked',
  'databaseUnavailable',
  'databaseTooNew',
  'storageFailed',
  'unknownCall',
  'forbiddenSender',
  'noLogFile',
  'linkRefused',
  // a file of keys to import (src-main/profiles/key-file.ts)
  'keyFileUnreadable',
  'keyFileTooLarge',
  'keyFileNotText',
  'keyFileTooManyKeys',
  // the renderer's own: the bridge did not answer, a view's code could not be loaded
  'bridgeUnreachable',
  'viewUnavailable',
  // the headless probe (npm run probe) gave up waiting for the figures
  'probeTimeout',
  // anything unexpected (details go to the log only)
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];
