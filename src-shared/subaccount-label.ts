/** How a subaccount is named on screen and in alerts: its full name, else its e-mail, else its UID. */
export function subaccountLabel(subaccount: { readonly uid: string; readonly email: string; readonly fullName: string | null }): string {
  return subaccount.fullName?.trim() || subaccount.email.trim() || subaccount.uid;
}
