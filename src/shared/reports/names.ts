/** The reports of the reporting window, by the name the CLI and exports use. */
export const REPORT_NAMES = ['rfm', 'top', 'profitability', 'coverage', 'patterns', 'anomalies', 'service', 'prediction', 'customers'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
