/** The claims engine's public face: what the task pane and the command use. */
export { computeClaims, DUE_SOON_WORKDAYS } from './engine';
export { CLAIM_COLUMNS, claimHeader, COMPUTED_FIELDS, isRegisterHeader, REGISTER_SHEET, REGISTER_TEMPLATE_FIELDS } from './columns';
export type { ClaimField, ComputedField } from './columns';
export { computedCells, STATUS_TITLES } from './cells';
export type { ComputedCell } from './cells';
export type { WorkdayCalendar } from './payoutContract';
export * from './types';
