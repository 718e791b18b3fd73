#ifndef FA_XLSX_H
#define FA_XLSX_H
/* libxlsxwriter (Debian's libxlsxwriter-dev), loaded when a workbook is first written
 * (dlopen), not at process start: linking it, with the minizip and OpenSSL libraries it
 * needs, cost every fundalloc process ≈ 2 ms before main (an empty C program linked with
 * GLPK: 2.2–2.7 → 4.2–5.4 ms), whether or not it writes a workbook.
 *
 * fa_xlsx_load() loads it (once; thread-safe) and returns 0, or -1 with fa_xlsx_error()
 * saying why. The fa_ functions are libxlsxwriter's of the same name without the prefix;
 * call them only after a successful load. */
#include <xlsxwriter.h>

int fa_xlsx_load(void);
const char *fa_xlsx_error(void);

lxw_workbook *fa_workbook_new_opt(const char *filename, lxw_workbook_options *options);
lxw_error fa_workbook_close(lxw_workbook *workbook);
lxw_error fa_workbook_set_properties(lxw_workbook *workbook, lxw_doc_properties *properties);
lxw_format *fa_workbook_add_format(lxw_workbook *workbook);
lxw_worksheet *fa_workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname);
void fa_format_set_bold(lxw_format *format);
void fa_format_set_bg_color(lxw_format *format, lxw_color_t color);
void fa_format_set_bottom(lxw_format *format, uint8_t style);
void fa_format_set_top(lxw_format *format, uint8_t style);
void fa_format_set_num_format(lxw_format *format, const char *num_format);
lxw_error fa_worksheet_write_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *string, lxw_format *format);
lxw_error fa_worksheet_write_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double number, lxw_format *format);
lxw_error fa_worksheet_write_blank(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *format);
lxw_error fa_worksheet_write_formula_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *formula,
                                         lxw_format *format, double result);
lxw_error fa_worksheet_set_column(lxw_worksheet *ws, lxw_col_t first_col, lxw_col_t last_col, double width,
                                  lxw_format *format);
lxw_error fa_worksheet_autofilter(lxw_worksheet *ws, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
                                  lxw_col_t last_col);
lxw_error fa_worksheet_repeat_rows(lxw_worksheet *ws, lxw_row_t first_row, lxw_row_t last_row);
void fa_worksheet_freeze_panes(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col);
void fa_worksheet_set_landscape(lxw_worksheet *ws);
void fa_worksheet_fit_to_pages(lxw_worksheet *ws, uint16_t width, uint16_t height);
char *fa_lxw_strerror(lxw_error error_num);

#endif
