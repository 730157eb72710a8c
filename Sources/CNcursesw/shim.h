#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, which would hide the X/Open
 * wide-character API (cchar_t, get_wch, setcchar, ...). NCURSES_WIDECHAR is
 * ncurses' own switch for exactly this. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <termios.h>
#include <curses.h>

/* Function-like macros and mutable globals are not importable into Swift 6;
 * these wrappers are the only way TerminalKit reaches them. */

static inline int cn_wcwidth(unsigned int c) {
    extern int wcwidth(wchar_t);
    return wcwidth((wchar_t)c);
}

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_key_f(int n) { return KEY_F(n); }

static inline unsigned int cn_a_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int cn_a_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int cn_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int cn_a_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int cn_a_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int cn_color_pair(int n) { return (unsigned int)COLOR_PAIR(n); }

/* Draws one cell: a character (with its own width) and attributes. */
static inline int cn_put_cell(int y, int x, unsigned int ch, unsigned int attrs, short pair) {
    cchar_t cc;
    wchar_t wstr[2];
    wstr[0] = (wchar_t)ch;
    wstr[1] = L'\0';
    if (setcchar(&cc, wstr, (attr_t)attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

static inline int cn_get_wch(unsigned int *out) {
    wint_t w = 0;
    int r = wget_wch(stdscr, &w);
    *out = (unsigned int)w;
    return r;
}

/* The locale's character set; "UTF-8" when the terminal can show Chinese. */
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

#endif
