/**
 * electron-builder configuration: `npm run dist` (scripts/dist.mjs) packages the app for the OS it
 * runs on. docs/PACKAGING.md explains building on each OS and code signing.
 * test/main/packaging checks this file against electron-builder's schema and packs it for real
 * (with a stand-in Electron binary) to check what lands in the app.
 */
import type { Configuration } from 'electron-builder';
import { NATIVE_MODULES } from './scripts/lib/native-modules.mjs';

/** Where released installers and their feed files are uploaded (see docs/PACKAGING.md, "Updates"). */
export const UPDATE_FEED_URL = 'https://updates.margindesk.app/releases';

const config: Configuration = {
  appId: 'com.margindesk.app',
  productName: 'Margin Desk',
  copyright: 'Copyright © Margin Desk',
  directories: { output: 'dist', buildResources: 'build' },

  // The app is what electron-vite built, nothing else: no sources, tests, scripts or source maps.
  // Production dependencies are added by electron-builder itself; the exclusions below also apply
  // to them and drop what only a compiler needs (better-sqlite3 ships the SQLite sources).
  files: [
    'out/**',
    'package.json',
    '!**/*.map',
    '!node_modules/better-sqlite3/{deps,src}{,/**/*}',
    '!node_modules/*/build/Release/obj.target{,/**/*}',
    '!node_modules/**/*.{gyp,gypi,cc,cpp,h,hpp,c,mk}',
  ],
  asar: true,
  // Compiled modules must sit outside app.asar, where the OS can map them: keytar's
  // build/Release/keytar.node and better-sqlite3's prebuilds/<os>-<arch>.node. Electron loads a
  // .node listed inside app.asar from app.asar.unpacked transparently.
  asarUnpack: NATIVE_MODULES.map(({ name }) => `node_modules/${name}/**/*.node`),

  // Fuses are flipped in the packaged Electron binary; the dev build (`npm start`) is unaffected.
  electronFuses: {
    runAsNode: false, // ELECTRON_RUN_AS_NODE would turn the signed app into a generic Node runtime
    enableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS=--require could inject code
    enableNodeCliInspectArguments: false, // --inspect would open a debugger into the main process
    enableCookieEncryption: true, // cookies at rest encrypted with the OS keychain key
    // app.asar checked against the hash electron-builder embeds (macOS and Windows; Linux has no
    // support yet and ignores the fuse), and only app.asar is loaded, so the check cannot be bypassed
    // by dropping an app/ folder next to it.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The renderer is served from app:// (src-main/electron/app-protocol.ts), never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  // Read at run time from process.resourcesPath: tray images per state and the notification icon.
  extraResources: [
    { from: 'build/tray', to: 'tray', filter: ['*.png'] },
    { from: 'build/icons', to: 'icons', filter: ['256x256.png', '512x512.png'] },
  ],

  // The update feed electron-updater reads (src-main/updates): electron-builder writes
  // latest-linux.yml / latest-mac.yml / latest.yml beside the installers, each with every file's
  // SHA-512, and bakes this address into the app as app-update.yml. HTTPS only.
  publish: [{ provider: 'generic', url: UPDATE_FEED_URL }],

  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'margin-desk',
    icon: 'build/icons',
    // Finance is a freedesktop "additional category" and must follow a main one (Office).
    category: 'Office;Finance',
    // Name the .desktop file after package.json's desktopName, which Electron also uses as the
    // Wayland app_id / X11 WM_CLASS, so the desktop links running windows to the launcher entry.
    syncDesktopName: true,
    synopsis: 'Kraken Futures margin and balances on the desktop',
    // deb requires a maintainer (and package.json's homepage); the domain is the app id's.
    maintainer: 'Margin Desk <support@margindesk.app>',
  },
  deb: {
    // electron-builder's default list, stated here because libsecret-1-0 is not optional for us:
    // keytar keeps the API secrets in the Secret Service through it.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
  },
  // No spaces in the Linux file name: it is typed in terminals and chmod +x'ed.
  appImage: { artifactName: '${name}-${version}-${arch}.${ext}' },

  mac: {
    target: ['dmg'],
    icon: 'build/icon.icns',
    category: 'public.app-category.finance',
    // Notarization needs the hardened runtime; build/entitlements.mac.plist justifies each exception.
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Notarized when APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID or APPLE_API_KEY/… are set.
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },

  win: {
    target: ['nsis'],
    icon: 'build/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
};

export default config;
