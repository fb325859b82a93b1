/**
 * The handler table: what each bridge call does, in terms of the app's services. Arguments arrive
 * already validated by the dispatcher; errors are AppErrors the dispatcher turns into typed results.
 */
import { AppError } from '../errors.ts';
import type { AppServices } from '../app/app-services.ts';
import { keychainEntryLeft } from '../profiles/keychain-errors.ts';
import { importKeyFile } from '../profiles/key-import.ts';
import { isAllowedExternalUrl } from '../security/external-links.ts';
import type { HandlerTable } from './handler-table.ts';
import { openingView } from './opening-view.ts';
import { RendererErrorReports } from './renderer-error-reports.ts';

export function createHandlerTable(app: AppServices): HandlerTable {
  const { profiles, desks, store, options } = app;
  const rendererErrors = new RendererErrorReports(app.logger.child('renderer'), Date.now);
  return {
    getAppInfo: () => ({ name: 'Margin Desk', version: options.appVersion, platform: options.platform }),
    listProfiles: () => profiles.list(),
    createProfile: (input) => profiles.create(input),
    createSampleProfile: () => profiles.createSample(),
    importKeys: async (request) => {
      const chooseKeyFile = options.hooks.chooseKeyFile;
      if (chooseKeyFile === undefined) {
        throw new AppError({ kind: 'keyFileUnreadable', message: 'This session cannot open files.', action: 'Add the keys one by one with "Save and add another".', retryable: false });
      }
      const path = await chooseKeyFile();
      return path === null ? null : importKeyFile(path, request, profiles, app.logger.child('import'));
    },
    updateProfile: (changes) => profiles.update(changes),
    deleteProfile: async ({ id }) => {
      const name = profiles.get(id).name;
      const outcome = await profiles.delete(id);
      return { warning: outcome.keychainEntryLeft ? keychainEntryLeft(name) : null };
    },
    activateProfile: ({ id }) => app.activate(id),
    testConnection: (target) => profiles.testConnection(target),
    listDesks: () => desks.list(),
    createDesk: (input) => desks.create(input),
    updateDesk: (changes) => desks.update(changes),
    deleteDesk: ({ id }) => desks.delete(id),
    activateDesk: ({ id }) => app.activateDesk(id),
    replaceCredentials: (input) => profiles.replaceCredentials(input),
    switchToStreaming: (input) => profiles.switchToStreaming(input),
    getSnapshot: ({ profileId }) => {
      profiles.get(profileId);
      return app.viewOf(profileId);
    },
    openWindow: () => {
      const list = profiles.list();
      const id = list.activeProfileId ?? list.profiles[0]?.id ?? null;
      // While a desk is shown no profile is made active: that would put the desk away.
      const activated = id !== null && list.activeProfileId === null && desks.activeDeskId() === null;
      const view = id === null ? null : activated ? app.activate(id) : app.viewOf(id);
      // The list again after an activation, so that it names the profile just made active.
      return {
        settings: store.settings.get(),
        profiles: activated ? profiles.list() : list,
        view: view && openingView(view),
        desks: desks.list(),
        members: app.activeDeskViews().map(openingView),
      };
    },
    refreshNow: async ({ profileId }) => {
      profiles.get(profileId);
      await app.scheduler.refreshNow(profileId);
    },
    getHistory: ({ profileId, accountKey, range }) => {
      profiles.get(profileId);
      return app.history(profileId, accountKey, range);
    },
    listAlerts: (query) => store.alertLog.list(query),
    acknowledgeAlert: ({ id }) => {
      const acknowledged = store.alertLog.acknowledge(id, Date.now());
      if (acknowledged === null) {
        throw new AppError({ kind: 'notFound', message: 'This alert no longer exists.', action: 'Reload the alert list.', retryable: false });
      }
      return acknowledged;
    },
    getAlertRules: ({ profileId }) => app.alertRules(profileId),
    setAlertRules: ({ profileId, rules }) => app.setAlertRules(profileId, rules),
    snoozeAlerts: ({ profileId, minutes }) => ({ until: app.snooze(profileId, minutes) }),
    getAlertStatus: ({ profileId }) => {
      profiles.get(profileId);
      const { snoozedUntil, interrupted } = app.alerts.status(profileId);
      return { snoozedUntil, interrupted };
    },
    getSettings: () => store.settings.get(),
    updateSettings: (changes) => app.updateSettings(changes),
    reportRendererError: (report) => rendererErrors.report(report),
    showLogFile: () => {
      if (!app.logger.filePath) {
        throw new AppError({ kind: 'noLogFile', message: 'This session writes no log file.', action: 'Start Margin Desk normally to get a log file.', retryable: false });
      }
      options.hooks.showLogFile(app.logger.filePath);
    },
    getUpdateState: () => app.updateState(),
    checkForUpdatesNow: async () => {
      await app.updates?.checkNow();
      return app.updateState();
    },
    installUpdate: () => app.updates?.installNow() ?? 'nothingToInstall',
    openExternal: ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError({
          kind: 'linkRefused',
          message: 'Margin Desk only opens https links to Kraken in your browser.',
          action: 'Copy the address into your browser yourself if you trust it.',
          retryable: false,
        });
      }
      options.hooks.openExternal(url);
    },
  };
}
