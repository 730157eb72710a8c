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
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

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

/* ---- Terminal hygiene: restore the tty on every exit path ----------------------------------
 * Termination signals (TERM, HUP, INT, QUIT) only set a flag: the app loop sees it within one
 * input timeout, saves drafts, calls endwin and exits. Crash signals restore the tty at once
 * (leave the alternate screen, show the cursor, put back the saved termios) and re-raise. */
#include <string.h>

/* Storage lives in function-local statics: Swift's importer emits the inline functions it
 * uses but not file-scope variables of a header. */
static inline struct termios *cn_saved_termios(void) { static struct termios t; return &t; }
static inline int *cn_have_saved_termios(void) { static int saved = 0; return &saved; }
static inline volatile sig_atomic_t *cn_pending_signal(void) { static volatile sig_atomic_t sig = 0; return &sig; }

static inline void cn_save_termios(void) {
    if (tcgetattr(STDIN_FILENO, cn_saved_termios()) == 0) *cn_have_saved_termios() = 1;
}

static inline void cn_restore_tty_now(void) {
    static const char seq[] = "\033[0m\033[?1049l\033[?25h\r\n";
    ssize_t ignored = write(STDOUT_FILENO, seq, sizeof seq - 1);
    (void)ignored;
    if (*cn_have_saved_termios()) tcsetattr(STDIN_FILENO, TCSANOW, cn_saved_termios());
}

static void cn_on_crash_signal(int sig) {
    cn_restore_tty_now();
    static const char msg[] = "fayuan \345\274\202\345\270\270\347\273\210\346\255\242 (crashed); terminal restored.\r\n";
    ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void cn_on_term_signal(int sig) { *cn_pending_signal() = sig; }

static inline void cn_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = cn_on_term_signal;
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns so the loop sees the flag */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    sigemptyset(&crash.sa_mask);
    crash.sa_handler = cn_on_crash_signal;
    crash.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &crash, NULL);
    sigaction(SIGBUS, &crash, NULL);
    sigaction(SIGILL, &crash, NULL);
    sigaction(SIGFPE, &crash, NULL);
    sigaction(SIGABRT, &crash, NULL);
    sigaction(SIGTRAP, &crash, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* A parent may have started us with these blocked (signal masks are inherited across exec);
     * unblock them so resizes and hang-ups always arrive. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGQUIT);
    sigaddset(&wanted, SIGWINCH);
    sigaddset(&wanted, SIGCONT);
    sigaddset(&wanted, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
}

/* Returns and clears the pending termination signal (0 when none). */
static inline int cn_take_pending_signal(void) {
    int s = *cn_pending_signal();
    *cn_pending_signal() = 0;
    return s;
}

static inline int cn_is_tty(int fd) { return isatty(fd); }

#endif
