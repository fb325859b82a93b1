/**
 * Importing a file of keys: what the renderer asks for (the settings every imported profile gets)
 * and the report main answers with, line by line. The file itself never crosses the bridge: main
 * reads it from the path a native dialog gave it (src-main/profiles/key-file.ts has the format).
 * A report names lines by number and profiles by the name the file gave them, never a key or secret.
 */
import { z } from 'zod/mini';
import type { DataSourceKind } from './profile.ts';
import { baseUrlSchema, dataSourceSchema, profileColourSchema, streamUrlSchema } from './profile-schema.ts';

/** The settings every profile made from the file shares (the add form's, apart from name and key). */
export interface KeyImportRequest {
  readonly colour: string;
  /** `uws` (Kraken API keys) when absent. */
  readonly source?: DataSourceKind;
  readonly baseUrl?: string;
  readonly streamUrl?: string;
}

export const keyImportRequestSchema = z.strictObject({
  colour: profileColourSchema,
  source: z.optional(dataSourceSchema),
  baseUrl: z.optional(baseUrlSchema),
  streamUrl: z.optional(streamUrlSchema),
});

export type KeyImportOutcome =
  /** Checked with Kraken and saved: the secret is in the keychain. */
  | 'added'
  /** Checked and refused (by the local checks or by Kraken): `message` says why. */
  | 'refused'
  /** The same key is earlier in the file, or a profile of that name already has a key ending the same way. */
  | 'duplicate'
  /** Not a `name, key, secret` line: `message` says what is wrong, without quoting the line. */
  | 'malformed';

export interface KeyImportLine {
  /** 1-based line number in the file. */
  readonly line: number;
  /** The name the line gave, null when the line has none a profile could take (malformed lines). */
  readonly name: string | null;
  readonly outcome: KeyImportOutcome;
  readonly message: string | null;
  /** What to do about it; null for added lines. */
  readonly action: string | null;
}

export interface KeyImportReport {
  /** The file's name without its folder, to say which file to delete. */
  readonly fileName: string;
  /** Every line that holds a key (or should have), in file order; comments and blank lines are left out. */
  readonly lines: readonly KeyImportLine[];
  readonly added: number;
}
