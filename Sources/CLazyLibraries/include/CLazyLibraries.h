#ifndef CLAZYLIBRARIES_H
#define CLAZYLIBRARIES_H

/* Pango/Cairo (PDF documents) and libxlsxwriter (spreadsheets) are loaded with dlopen the first
 * time one of their functions is called, not when fayuan starts: `fayuan --version`, search and
 * the console do not pay for loading ~40 shared libraries they never use (BENCHMARKS.md, start-up).
 * The Swift code calls the libraries' functions by their usual names (CPangoCairo, CXlsxWriter);
 * this target defines each of those names as a small forwarder to the real function. A new
 * function used from Swift needs one line in pangocairo.c or xlsxwriter.c (the link fails with
 * "undefined reference" until it is added). */

/* 1 when the library (e.g. "libpangocairo-1.0.so.0") is loaded in this process, else 0. */
int fayuan_lazy_library_loaded(const char *soname);

#endif
