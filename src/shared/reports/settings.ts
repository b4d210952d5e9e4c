import { z } from 'zod';

/**
 * What the back office can tune about the reports (A1 tiers, A3 unit costs,
 * A5 anomaly thresholds). Stored per branch; the defaults are the
 * requirements' (tiers) or deliberately conservative starting points that the
 * report screens show and let the branch change.
 */

const rupiah = z.number({ message: 'invalid_type' }).int({ message: 'invalid_type' }).min(0, { message: 'invalid' }).max(1e13, { message: 'invalid' });

export const reportSettingsSchema = z
  .object({
    tiers: z
      .object({ platinum: rupiah, gold: rupiah, silver: rupiah })
      .strict()
      .refine((t) => t.platinum > t.gold && t.gold > t.silver && t.silver > 0, { message: 'tier_order' }),
    costToServe: z.object({ interaction: rupiah, case: rupiah, message: rupiah }).strict(),
    anomalies: z
      .object({
        /** Standard deviations (log scale) from the customer's earlier sales; at least 2 (what the rollup keeps). */
        customerDeviations: z.number({ message: 'invalid_type' }).min(2, { message: 'invalid' }).max(10, { message: 'invalid' }),
        /** Standard deviations (log scale) above the branch's typical sale. */
        branchDeviations: z.number({ message: 'invalid_type' }).min(2, { message: 'invalid' }).max(10, { message: 'invalid' }),
        refundBurstCount: z.number({ message: 'invalid_type' }).int().min(2, { message: 'invalid' }).max(50, { message: 'invalid' }),
        refundBurstDays: z.number({ message: 'invalid_type' }).int().min(1, { message: 'invalid' }).max(90, { message: 'invalid' }),
        /** Shop hours in the branch's zone: sales outside [open, close) are flagged. */
        openHour: z.number({ message: 'invalid_type' }).int().min(0, { message: 'invalid' }).max(23, { message: 'invalid' }),
        closeHour: z.number({ message: 'invalid_type' }).int().min(1, { message: 'invalid' }).max(24, { message: 'invalid' }),
        /** Discount as a share of the list price, in percent. */
        heavyDiscountPercent: z.number({ message: 'invalid_type' }).int().min(1, { message: 'invalid' }).max(100, { message: 'invalid' }),
      })
      .strict()
      .refine((a) => a.openHour < a.closeHour, { message: 'invalid' }),
    /** A customer who bought within this many days counts as active (coverage). */
    activeDays: z.number({ message: 'invalid_type' }).int().min(1, { message: 'invalid' }).max(3650, { message: 'invalid' }),
  })
  .strict();

export type ReportSettings = z.output<typeof reportSettingsSchema>;

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  tiers: { platinum: 100_000_000, gold: 50_000_000, silver: 20_000_000 },
  costToServe: { interaction: 10_000, case: 75_000, message: 500 },
  anomalies: {
    customerDeviations: 3,
    branchDeviations: 3.5,
    refundBurstCount: 3,
    refundBurstDays: 7,
    openHour: 8,
    closeHour: 21,
    heavyDiscountPercent: 40,
  },
  activeDays: 365,
};
