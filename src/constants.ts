// The output contract's enumerations as plain constants (no zod): schema.ts builds its zod enums
// from them and re-exports them; code on the start-up path imports them from here.
export const BASE_UNITS = ['person', 'person_time', 'institution', 'case', 'item', 'yuan', 'percent'] as const;
export const QUALIFIERS = ['target', 'planned'] as const;
export const PERIODS = ['H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11', 'M12', 'FY'] as const;
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'] as const;
export const SCRIPTS = ['simplified', 'traditional', 'mixed'] as const;
export const ERROR_CODES = ['READ_ERROR', 'BINARY_INPUT', 'DECODE_ERROR', 'INTERNAL_ERROR'] as const;
export const OUTPUT_FORMATS = ['json', 'ndjson', 'csv', 'xlsx'] as const;
export const CUE_SIDES = ['left', 'right', 'both'] as const;
