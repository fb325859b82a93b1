/**
 * The tray icon: a thin Electron adapter that draws a TrayModel (src-main/monitor/tray-model.ts).
 *
 * Modelled on Signal Desktop's SystemTrayService: every function sits in the context menu, because
 * the click event does not reach the app on every Linux tray (app indicators swallow it); a click
 * where it does arrive just opens the window. Images per OS: template images on macOS (the menu bar
 * tints them), elsewhere the light or dark variant following nativeTheme. The tray is only touched
 * when the model or the image actually changed, so an unchanged refresh does not make the icon or
 * an open menu flicker.
 */
import { join } from 'node:path';
import { Menu, type MenuItemConstructorOptions, type NativeImage, Tray, nativeImage, nativeTheme, screen } from 'electron';
import type { TrayAction, TrayIconState, TrayMenuItem, TrayModel } from '../monitor/tray-model.ts';

export interface TrayServiceOptions {
  /** The folder with the tray images (build/tray in development, resources/tray when packaged). */
  readonly imagesDir: string;
  /** A menu item or the icon (where clicks arrive) was used. */
  readonly onAction: (action: TrayAction) => void;
  readonly platform?: NodeJS.Platform;
  readonly onWarning?: (message: string) => void;
}

/** Image file of a state: `trayTemplate-<state>.png` on macOS, `tray-<state>-<light|dark>[@2x].png` elsewhere. */
export function trayImagePath(imagesDir: string, state: TrayIconState, platform: NodeJS.Platform, darkTray: boolean, highDpi: boolean): string {
  if (platform === 'darwin') return join(imagesDir, `trayTemplate-${state}.png`);
  // Linux trays take one bitmap and ignore scale factors, so the @2x file is chosen up front on a
  // high-DPI display; Windows picks @2x beside the named file by itself.
  const scale = platform === 'linux' && highDpi ? '@2x' : '';
  return join(imagesDir, `tray-${state}-${darkTray ? 'dark' : 'light'}${scale}.png`);
}

/** Electron strips a single '&' from menu labels (it marks an access key); '&&' shows one. */
function menuLabel(label: string): string {
  return label.replaceAll('&', '&&');
}

export class TrayService {
  readonly #options: TrayServiceOptions;
  readonly #platform: NodeJS.Platform;
  #tray: Tray | null = null;
  #model: TrayModel | null = null;
  #drawnModel = '';
  #drawnImage = '';
  #quitting = false;
  readonly #onThemeUpdated = (): void => this.#draw();

  constructor(options: TrayServiceOptions) {
    this.#options = options;
    this.#platform = options.platform ?? process.platform;
    nativeTheme.on('updated', this.#onThemeUpdated);
  }

  /** Shows the model, creating the icon on first use. */
  update(model: TrayModel): void {
    this.#model = model;
    this.#draw();
  }

  isShown(): boolean {
    return this.#tray !== null;
  }

  /**
   * Electron destroys the tray itself when the app quits; destroying it again from a late update
   * crashes on some platforms (electron#32581), so after this the service draws nothing.
   */
  markQuitting(): void {
    this.#quitting = true;
    this.#tray = null;
    nativeTheme.off('updated', this.#onThemeUpdated);
  }

  destroy(): void {
    this.#tray?.destroy();
    this.markQuitting();
  }

  #draw(): void {
    const model = this.#model;
    if (model === null || this.#quitting) return;
    const imagePath = trayImagePath(this.#options.imagesDir, model.icon, this.#platform, nativeTheme.shouldUseDarkColors, this.#highDpi());

    if (this.#tray === null) {
      this.#tray = new Tray(this.#image(imagePath));
      this.#drawnImage = imagePath;
      // Where clicks arrive (Windows, some Linux trays) a click opens the window; the menu has the rest.
      this.#tray.on('click', () => this.#options.onAction({ kind: 'openWindow' }));
    } else if (imagePath !== this.#drawnImage) {
      this.#tray.setImage(this.#image(imagePath));
      this.#drawnImage = imagePath;
    }

    const drawn = JSON.stringify(model);
    if (drawn === this.#drawnModel) return;
    this.#drawnModel = drawn;
    this.#tray.setToolTip(model.tooltip);
    this.#tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => this.#menuItem(item))));
  }

  #image(path: string): NativeImage {
    const image = nativeImage.createFromPath(path);
    if (image.isEmpty()) this.#options.onWarning?.(`Tray image missing or unreadable: ${path}`);
    if (this.#platform === 'darwin') image.setTemplateImage(true);
    return image;
  }

  #highDpi(): boolean {
    return screen.getAllDisplays().some((display) => Number.isFinite(display.scaleFactor) && display.scaleFactor > 1);
  }

  #menuItem(item: TrayMenuItem): MenuItemConstructorOptions {
    const run = (action: TrayAction) => () => this.#options.onAction(action);
    switch (item.type) {
      case 'action':
        return { label: menuLabel(item.label), enabled: item.enabled, click: run(item.action) };
      case 'radio':
        return { type: 'radio', label: menuLabel(item.label), checked: item.checked, click: run(item.action) };
      case 'checkbox':
        return { type: 'checkbox', label: menuLabel(item.label), checked: item.checked, click: run(item.action) };
      case 'note':
        return { label: menuLabel(item.label), enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: menuLabel(item.label), submenu: item.items.map((child) => this.#menuItem(child)) };
    }
  }
}
