// The Government Security Classifications marking boards put on documents about children at risk:
// every printed page of a workbook or panel pack carries it, top and bottom, so a page found on
// its own still says how it must be handled.
export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';
