/**
 * A fake of the parts of the `electron` module the app uses, for testing the thin adapters in
 * src-main/electron on machines that cannot start the Electron binary.
 *
 * Use in a test file:
 *   vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());
 *   import { fake } from '../../support/fake-electron.ts';
 *   beforeEach(() => fake.reset());
 *
 * Everything records what the adapter did (window options, handlers, menus, images, notifications)
 * so tests assert on behaviour, and exposes `fire` (emit returning listener results) so tests can play the part of the OS or the page.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** An EventEmitter whose `emit` returns listener results, so tests can read what a handler decided. */
class Emitter extends EventEmitter {
  fire(event: string, ...args: unknown[]): unknown[] {
    return this.listeners(event).map((listener) => (listener as Listener)(...args));
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  routingId: number;
}

export class FakeWebContents extends Emitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null, routingId: 1 };
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | null = null;
  destroyed = false;
  readonly session = fake.session;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  openDevTools(): void {}
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends Emitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null {
    return FakeBrowserWindow.all.find((w) => w.webContents === contents) ?? null;
  }

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loaded: { kind: 'url' | 'file'; target: string } | null = null;
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  fullScreen = false;
  destroyed = false;
  bounds: Bounds;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.visible = options.show !== false;
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    };
    FakeBrowserWindow.all.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url };
    this.webContents.mainFrame.url = url;
  }
  async loadFile(path: string): Promise<void> {
    this.loaded = { kind: 'file', target: path };
    this.webContents.mainFrame.url = `file://${path}`;
  }
  show(): void {
    this.visible = true;
    this.fire('show');
  }
  hide(): void {
    this.visible = false;
    this.fire('hide');
  }
  focus(): void {
    this.focused = true;
    this.fire('focus');
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  /** Like Electron on Windows and Linux: maximizing a hidden window also shows it. */
  maximize(): void {
    this.maximized = true;
    if (!this.visible) this.show();
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Bounds {
    return { ...this.bounds };
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<Bounds>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  setMenuBarVisibility(): void {}
  /** Plays the user closing the window: listeners may call preventDefault(). */
  userClose(): boolean {
    let prevented = false;
    this.fire('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
    return !prevented;
  }
  close(): void {
    this.userClose();
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.fire('closed');
  }
}

export class FakeTray extends Emitter {
  static all: FakeTray[] = [];
  image: FakeNativeImage;
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  readonly images: FakeNativeImage[] = [];

  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    this.images.push(image);
    FakeTray.all.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: (...args: unknown[]) => unknown;
  submenu?: FakeMenuItem[] | FakeMenu;
}

export class FakeMenu {
  static applicationMenu: FakeMenu | null = null;
  static buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return new FakeMenu(template);
  }
  static setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenu.applicationMenu = menu;
  }
  readonly items: FakeMenuItem[];
  constructor(items: FakeMenuItem[]) {
    this.items = items;
  }
  /** Labels of the menu, depth-first, submenus included (for assertions). */
  labels(): string[] {
    const walk = (items: FakeMenuItem[]): string[] =>
      items.flatMap((item) => {
        const sub = item.submenu instanceof FakeMenu ? item.submenu.items : (item.submenu ?? []);
        return [...(item.label ? [item.label] : []), ...walk(sub)];
      });
    return walk(this.items);
  }
  /** Finds an item by label anywhere in the menu. */
  find(label: string): FakeMenuItem | undefined {
    const walk = (items: FakeMenuItem[]): FakeMenuItem | undefined => {
      for (const item of items) {
        if (item.label === label) return item;
        const sub = item.submenu instanceof FakeMenu ? item.submenu.items : (item.submenu ?? []);
        const found = walk(sub);
        if (found) return found;
      }
      return undefined;
    };
    return walk(this.items);
  }
}

export class FakeNativeImage {
  template = false;
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
  isEmpty(): boolean {
    return this.path === '';
  }
  setTemplateImage(template: boolean): void {
    this.template = template;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

export class FakeNotification extends Emitter {
  static shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return true;
  }
  readonly options: { title: string; body?: string; silent?: boolean; urgency?: string };
  constructor(options: { title: string; body?: string; silent?: boolean; urgency?: string }) {
    super();
    this.options = options;
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
  close(): void {}
}

class FakeIpcMain extends Emitter {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Plays the renderer's ipcRenderer.invoke: rejects like Electron when no handler exists. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

class FakeApp extends Emitter {
  readonly paths = new Map<string, string>([['userData', '/tmp/margin-desk-fake-userdata']]);
  loginItem = { openAtLogin: false, openAsHidden: false, path: process.execPath, args: [] as string[] };
  singleInstanceLock = true;
  /** macOS only: what getLoginItemSettings reports when the app was started by its login item. */
  wasOpenedAtLogin = false;
  quitting = false;
  isPackaged = false;
  readonly switches: string[] = [];
  readonly commandLine = { appendSwitch: (name: string) => this.switches.push(name) };
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Whether this instance holds the single-instance lock now. */
  holdsSingleInstanceLock = false;
  requestSingleInstanceLock(): boolean {
    this.holdsSingleInstanceLock = this.singleInstanceLock;
    return this.singleInstanceLock;
  }
  /** The code app.exit() was called with; null while the app has not exited. */
  exitCode: number | null = null;
  quit(): void {
    this.quitting = true;
    this.fire('before-quit', { preventDefault() {} });
  }
  exit(code = 0): void {
    this.quitting = true;
    this.exitCode = code;
  }
  releaseSingleInstanceLock(): void {
    this.holdsSingleInstanceLock = false;
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/tmp/margin-desk-fake-${name}`;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getName(): string {
    return 'Margin Desk';
  }
  getAppPath(): string {
    return process.cwd();
  }
  /** What setAppUserModelId set (Windows), null until then. */
  appUserModelId: string | null = null;
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  setLoginItemSettings(settings: Partial<FakeApp['loginItem']>): void {
    this.loginItem = { ...this.loginItem, ...settings };
  }
  /** Like Windows: a query naming a path or args reports openAtLogin only for that exact command line. */
  getLoginItemSettings(query: { path?: string; args?: string[] } = {}): FakeApp['loginItem'] & { wasOpenedAtLogin: boolean } {
    const matches =
      (query.path === undefined || query.path === this.loginItem.path) &&
      (query.args === undefined || JSON.stringify(query.args) === JSON.stringify(this.loginItem.args));
    return { ...this.loginItem, openAtLogin: this.loginItem.openAtLogin && matches, wasOpenedAtLogin: this.wasOpenedAtLogin };
  }
}

/** All fake state in one place, reset between tests. */
class FakeElectron {
  readonly app = new FakeApp();
  readonly ipcMain = new FakeIpcMain();
  readonly powerMonitor = new Emitter();
  readonly nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false, themeSource: 'system' });
  session = {
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    headersReceivedListener: null as Listener | null,
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived: (listener: Listener) => {
        fake.session.headersReceivedListener = listener;
      },
    },
  };
  protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: unknown[]) {
      this.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      this.handlers.set(scheme, handler);
    },
  };
  readonly openedExternal: string[] = [];
  readonly shownItems: string[] = [];
  readonly messageBoxes: unknown[] = [];
  /** Every open dialog shown (its arguments), and what the next one answers. */
  readonly openDialogs: unknown[] = [];
  openDialogAnswer: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };
  displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];

  reset(): void {
    // Reset in place: the adapters hold the objects they imported from 'electron'.
    Object.assign(this.app, new FakeApp());
    Object.assign(this.ipcMain, new FakeIpcMain());
    Object.assign(this.powerMonitor, new Emitter());
    Object.assign(this.nativeTheme, new Emitter(), { shouldUseDarkColors: false, themeSource: 'system' });
    this.session.permissionRequestHandler = null;
    this.session.permissionCheckHandler = null;
    this.session.headersReceivedListener = null;
    this.protocol.privileged = [];
    this.protocol.handlers = new Map();
    this.openedExternal.length = 0;
    this.shownItems.length = 0;
    this.messageBoxes.length = 0;
    this.openDialogs.length = 0;
    this.openDialogAnswer = { canceled: true, filePaths: [] };
    FakeBrowserWindow.all = [];
    FakeTray.all = [];
    FakeMenu.applicationMenu = null;
    FakeNotification.shown = [];
  }
}

export const fake = new FakeElectron();

/** The object `vi.mock('electron', …)` should resolve to. Getters follow `fake.reset()`. */
export function fakeElectronModule(): Record<string, unknown> {
  const module = {
    get app() {
      return fake.app;
    },
    get ipcMain() {
      return fake.ipcMain;
    },
    get powerMonitor() {
      return fake.powerMonitor;
    },
    get nativeTheme() {
      return fake.nativeTheme;
    },
    get protocol() {
      return fake.protocol;
    },
    session: {
      get defaultSession() {
        return fake.session;
      },
    },
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: FakeMenu,
    Notification: FakeNotification,
    nativeImage: {
      createFromPath: (path: string) => new FakeNativeImage(path),
      createEmpty: () => new FakeNativeImage(''),
    },
    shell: {
      openExternal: async (url: string) => {
        fake.openedExternal.push(url);
      },
      showItemInFolder: (path: string) => {
        fake.shownItems.push(path);
      },
      openPath: async (path: string) => {
        fake.shownItems.push(path);
        return '';
      },
    },
    screen: {
      getAllDisplays: () => fake.displays,
      getPrimaryDisplay: () => fake.displays[0],
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        fake.messageBoxes.push(args);
        return { response: 0, checkboxChecked: false };
      },
      showErrorBox: (...args: unknown[]) => {
        fake.messageBoxes.push(args);
      },
      showOpenDialog: async (...args: unknown[]) => {
        fake.openDialogs.push(args);
        return fake.openDialogAnswer;
      },
    },
  };
  return { ...module, default: module };
}
