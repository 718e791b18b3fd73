#include "fa_xlsx.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static char error[512];
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Each function: a pointer filled by load(), and the fa_ wrapper that calls through it. */
#define FA_FUNCTIONS(X) \
    X(lxw_workbook *, workbook_new_opt, (const char *a, lxw_workbook_options *b), (a, b)) \
    X(lxw_error, workbook_close, (lxw_workbook *a), (a)) \
    X(lxw_error, workbook_set_properties, (lxw_workbook *a, lxw_doc_properties *b), (a, b)) \
    X(lxw_format *, workbook_add_format, (lxw_workbook *a), (a)) \
    X(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *a, const char *b), (a, b)) \
    X(void, format_set_bold, (lxw_format *a), (a)) \
    X(void, format_set_bg_color, (lxw_format *a, lxw_color_t b), (a, b)) \
    X(void, format_set_bottom, (lxw_format *a, uint8_t b), (a, b)) \
    X(void, format_set_top, (lxw_format *a, uint8_t b), (a, b)) \
    X(void, format_set_num_format, (lxw_format *a, const char *b), (a, b)) \
    X(lxw_error, worksheet_write_string, (lxw_worksheet *a, lxw_row_t b, lxw_col_t c, const char *d, lxw_format *e), (a, b, c, d, e)) \
    X(lxw_error, worksheet_write_number, (lxw_worksheet *a, lxw_row_t b, lxw_col_t c, double d, lxw_format *e), (a, b, c, d, e)) \
    X(lxw_error, worksheet_write_blank, (lxw_worksheet *a, lxw_row_t b, lxw_col_t c, lxw_format *d), (a, b, c, d)) \
    X(lxw_error, worksheet_write_formula_num, (lxw_worksheet *a, lxw_row_t b, lxw_col_t c, const char *d, lxw_format *e, double f), (a, b, c, d, e, f)) \
    X(lxw_error, worksheet_set_column, (lxw_worksheet *a, lxw_col_t b, lxw_col_t c, double d, lxw_format *e), (a, b, c, d, e)) \
    X(lxw_error, worksheet_autofilter, (lxw_worksheet *a, lxw_row_t b, lxw_col_t c, lxw_row_t d, lxw_col_t e), (a, b, c, d, e)) \
    X(lxw_error, worksheet_repeat_rows, (lxw_worksheet *a, lxw_row_t b, lxw_row_t c), (a, b, c)) \
    X(void, worksheet_freeze_panes, (lxw_worksheet *a, lxw_row_t b, lxw_col_t c), (a, b, c)) \
    X(void, worksheet_set_landscape, (lxw_worksheet *a), (a)) \
    X(void, worksheet_fit_to_pages, (lxw_worksheet *a, uint16_t b, uint16_t c), (a, b, c)) \
    X(char *, lxw_strerror, (lxw_error a), (a))

#define FA_DEFINE(ret, name, params, args) \
    static ret (*p_##name) params; \
    ret fa_##name params { return p_##name args; }
FA_FUNCTIONS(FA_DEFINE)

static void load(void) {
    /* libxlsxwriter4 installs the versioned name; libxlsxwriter-dev adds the plain one. */
    void *lib = dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libxlsxwriter.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(error, sizeof error, "cannot load libxlsxwriter (libxlsxwriter.so.4): %s", dlerror());
        return;
    }
#define FA_LOAD(ret, name, params, args) \
    if (!(*(void **)&p_##name = dlsym(lib, #name))) { \
        snprintf(error, sizeof error, "libxlsxwriter lacks %s", #name); return; }
    FA_FUNCTIONS(FA_LOAD)
#undef FA_LOAD
    loaded = 1;
}

int fa_xlsx_load(void) {
    pthread_once(&once, load);
    return loaded ? 0 : -1;
}

const char *fa_xlsx_error(void) { return error; }
