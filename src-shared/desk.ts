/**
 * A desk: a named group of profiles shown together, each member one key of one account (a master
 * or a subaccount), whatever source it reads (REST, Unified WebSocket, the Sample). After Kraken
 * switches the Derivatives REST API off (2027-03-01) a master's view of its subaccounts is a desk of
 * one key per subaccount: the Unified WebSocket binds every subscription to its key's account.
 *
 * A desk holds no figures and no key of its own: deleting it never deletes a profile, and deleting
 * a profile takes it out of every desk.
 */
export interface Desk {
  readonly id: string;
  readonly name: string;
  /** Profile ids in the order the user gave them (the order of the desk's rows by default). */
  readonly memberIds: readonly string[];
  readonly createdAt: number;
}

export interface DeskList {
  /** In creation order: the order of the switcher and of the shortcuts, before the profiles in no desk (./switch-order.ts). */
  readonly desks: readonly Desk[];
  /** The desk shown instead of a single profile, null when a profile is shown. */
  readonly activeDeskId: string | null;
}

/** A new desk as the desk form sends it. */
export interface NewDesk {
  readonly name: string;
  readonly memberIds: readonly string[];
}

/** A desk renamed, or its members changed (the whole new list, in order). */
export interface DeskChanges {
  readonly id: string;
  readonly name?: string;
  readonly memberIds?: readonly string[];
}
