/* libxlsxwriter for spreadsheet reports (FayuanApp/Printing/Reports/ReportOutput.swift), loaded
 * on first use (it brings minizip, zlib and libcrypto). */
#include <xlsxwriter.h>

#include "loader.h"

static void *handle;
static void *fy_xlsx_symbol(const char *name) {
    return fayuan_lazy_symbol(&handle, "libxlsxwriter.so.4", "导出 Excel 报表", name);
}

LAZY_FORWARD_VOID(fy_xlsx, format_set_bold, (lxw_format *format), (format))
LAZY_FORWARD(fy_xlsx, char *, lxw_strerror, (lxw_error error_num), (error_num))
LAZY_FORWARD(fy_xlsx, lxw_format *, workbook_add_format, (lxw_workbook *workbook), (workbook))
LAZY_FORWARD(fy_xlsx, lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *workbook, const char *sheetname), (workbook, sheetname))
LAZY_FORWARD(fy_xlsx, lxw_error, workbook_close, (lxw_workbook *workbook), (workbook))
LAZY_FORWARD(fy_xlsx, lxw_workbook *, workbook_new, (const char *filename), (filename))
LAZY_FORWARD(fy_xlsx, lxw_error, worksheet_set_column,
             (lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col, double width, lxw_format *format),
             (worksheet, first_col, last_col, width, format))
LAZY_FORWARD(fy_xlsx, lxw_error, worksheet_write_number,
             (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number, lxw_format *format),
             (worksheet, row, col, number, format))
LAZY_FORWARD(fy_xlsx, lxw_error, worksheet_write_string,
             (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string, lxw_format *format),
             (worksheet, row, col, string, format))
