#ifndef CXLSXWRITER_SHIM_H
#define CXLSXWRITER_SHIM_H

/* libxlsxwriter (Debian libxlsxwriter-dev): writes .xlsx with shared strings in UTF-8, so
 * Chinese text opens intact in Excel, WPS and LibreOffice. No pkg-config: SwiftPM would drop
 * its flags anyway, and the header and library live in the default paths. */
#include <xlsxwriter.h>

#endif
