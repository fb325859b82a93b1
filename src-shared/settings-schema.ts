/** The app's settings as the gate of `updateSettings` takes them: any part of them. */
import { z } from 'zod/mini';

export const settingsChangesSchema = z.partial(
  z.strictObject({
    privacyMode: z.boolean(),
    theme: z.enum(['system', 'light', 'dark']),
    startAtLogin: z.boolean(),
    startHidden: z.boolean(),
    trayHintShown: z.boolean(),
    checkForUpdates: z.boolean(),
    recordStreamMessages: z.boolean(),
  }),
);
