/**
 * The `balances` channel's messages, read after Spot v2's template (Kraken has not published the
 * derivatives fields). A `snapshot` lists every asset with its total and its wallets:
 * `[{asset, asset_class, balance, wallets: [{type, id, balance}]}]`; an `update` lists ledger
 * entries, each with the balance of one wallet after it: `[{asset, wallet_type, wallet_id, balance, …}]`.
 * Either may come as a map keyed by asset. Currencies are normalised as in REST (`XBT` → `BTC`).
 */
import { z } from 'zod';
import { toCurrency } from '../currency.ts';
import { decodeAt, keyedList, list, object, optionalDecimal, optionalText } from '../decode/schema.ts';
import type { Currency, Decimal } from '../../../src-shared/account-model.ts';
import { figures, firstText } from './decode-figures.ts';

export interface WalletBalance {
  /** Spot v2's wallet type (`spot`, `futures`…) as sent, '' when not sent. */
  readonly type: string;
  /** The wallet's id as sent (`main`, `flex`, `F-XBT:USD`…), '' when not sent. */
  readonly id: string;
  readonly balance: Decimal;
}

export interface AssetBalance {
  readonly currency: Currency;
  /** The asset's total over its wallets, when sent (snapshots); null in a ledger update. */
  readonly total: Decimal | null;
  readonly wallets: readonly WalletBalance[];
  /** Fields under no known name, as sent. */
  readonly unknown: Readonly<Record<string, unknown>>;
}

export interface BalancesMessage {
  readonly type: 'snapshot' | 'update';
  readonly balances: readonly AssetBalance[];
  /** Entries whose balance was sent under none of its names, as `<asset>.balance`. */
  readonly missing: readonly string[];
}

const WALLET_TYPE_NAMES = ['wallet_type', 'walletType'];
const WALLET_ID_NAMES = ['wallet_id', 'walletId'];

const ENTRY_FIGURES = figures({ balance: ['total', 'amount_total'], amount: [], fee: [] }, [
  'asset',
  'currency',
  'asset_class',
  'wallets',
  ...WALLET_TYPE_NAMES,
  ...WALLET_ID_NAMES,
]);

const walletBalance = object({ type: optionalText, id: optionalText, balance: optionalDecimal });

const entry = z.any().transform((raw: unknown, context) => ({
  read: decodeAt(ENTRY_FIGURES, raw, context, []),
  wallets: decodeAt(list(walletBalance).optional(), (raw as Record<string, unknown> | null)?.['wallets'], context, ['wallets']),
  walletType: firstText(raw, WALLET_TYPE_NAMES),
  walletId: firstText(raw, WALLET_ID_NAMES),
}));

const entries = keyedList(['asset', 'currency'], entry);

export function balancesSchema(type: 'snapshot' | 'update') {
  return entries.transform((read): BalancesMessage => {
    const missing: string[] = [];
    const balances = read.map(({ code, value: { read: figuresRead, wallets, walletType, walletId } }): AssetBalance => {
      const balance = figuresRead.values.balance;
      if (balance === null) missing.push(`${code}.balance`);
      const listed = (wallets ?? []).flatMap((wallet) => (wallet.balance === null ? [] : [{ type: wallet.type ?? '', id: wallet.id ?? '', balance: wallet.balance }]));
      const ledgerWallet = type === 'update' && balance !== null ? [{ type: walletType ?? '', id: walletId ?? '', balance }] : [];
      return {
        currency: toCurrency(code),
        total: type === 'snapshot' ? balance : null,
        wallets: [...listed, ...ledgerWallet],
        unknown: figuresRead.unknown,
      };
    });
    return { type, balances, missing };
  });
}
