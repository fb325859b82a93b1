/** The app's settings as a schema: every field, for the gate of `updateSettings` (which takes any part of them). */
import { z } from 'zod';

export const settingsSchema = z.strictObject({
  privacyMode: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  startAtLogin: z.boolean(),
  startHidden: z.boolean(),
  trayHintShown: z.boolean(),
  checkForUpdates: z.boolean(),
  recordStreamMessages: z.boolean(),
});
