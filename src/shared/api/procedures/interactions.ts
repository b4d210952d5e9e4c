import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import { interactionInputSchema, interactionSchema } from '../../domain/interaction.js';

/** The interaction log (REQUIREMENTS T1): append-only, one call per contact. */
export const interactionProcedures = {
  'interactions.log': procedure({
    summary: 'Log a contact with a customer: channel, direction, purpose, outcome and notes.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: interactionInputSchema,
    output: interactionSchema,
  }),
} satisfies Record<string, Procedure>;
