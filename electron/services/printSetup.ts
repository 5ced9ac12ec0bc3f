// How every sheet meant to be printed is set up, in one place: A4, fitted to one page wide (as
// many pages down as it needs), the heading rows repeated on each page, and the protective
// marking with page numbers in the header and footer. A sheet without this prints at Excel's
// defaults: portrait, columns spilling onto extra pages and no marking.
import type ExcelJS from 'exceljs';
import { PROTECTIVE_MARKING } from '../../shared/domain/marking';

export interface PrintLayout {
  orientation: 'portrait' | 'landscape';
  /** The rows repeated at the top of every printed page, as "5:5"; none for a sheet read as a letter. */
  titleRows?: string;
  /** The part of the sheet that prints, as "A1:M1005"; all of it when left out. */
  area?: string;
}

const A4 = 9;
/** Inches, as Excel keeps them: room for the header and footer lines without crowding the table. */
const MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

export function printPageSetup(layout: PrintLayout): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: A4,
    orientation: layout.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: MARGINS,
    horizontalCentered: false,
    ...(layout.titleRows ? { printTitlesRow: layout.titleRows } : {}),
    ...(layout.area ? { printArea: layout.area } : {}),
  };
}

/**
 * Excel header/footer codes: &L, &C and &R the thirds of the line, &A the sheet's name, &P the
 * page, &N the pages. Each third is short: a long text wraps inside its third onto the next.
 */
export function printHeaderFooter(): Partial<ExcelJS.HeaderFooter> {
  const marking = `&"-,Bold"${PROTECTIVE_MARKING}`;
  const header = `&C${marking}`;
  const footer = `&L&A&CPage &P of &N&R${marking}`;
  return { differentFirst: false, differentOddEven: false, oddHeader: header, oddFooter: footer };
}

/** The worksheet options for a printed sheet: page set-up and header/footer together. */
export function printedSheet(layout: PrintLayout): Pick<ExcelJS.AddWorksheetOptions, 'pageSetup' | 'headerFooter'> {
  return { pageSetup: printPageSetup(layout), headerFooter: printHeaderFooter() };
}
