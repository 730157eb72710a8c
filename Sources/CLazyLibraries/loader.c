#define _GNU_SOURCE
#include "loader.h"
#include "CLazyLibraries.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Loads the library once (dlopen is itself thread-safe; the lock keeps the message single) and
 * returns the address of the named function in it or its dependencies. A missing library is an
 * environment problem: a Chinese message and exit status 3, as cli.md has for store/environment. */
void *fayuan_lazy_symbol(void **handle, const char *soname, const char *purpose, const char *name) {
    void *library = __atomic_load_n(handle, __ATOMIC_ACQUIRE);
    if (library == NULL) {
        pthread_mutex_lock(&lock);
        library = *handle;
        if (library == NULL) {
            library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
            if (library == NULL) {
                const char *reason = dlerror();
                dprintf(STDERR_FILENO, "无法加载 %s（%s需要）：%s。请运行 scripts/install-deps.sh 安装依赖。\n",
                        soname, purpose, reason ? reason : "未知原因");
                _exit(3);
            }
            __atomic_store_n(handle, library, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&lock);
    }
    void *symbol = dlsym(library, name);
    if (symbol == NULL) {
        dprintf(STDERR_FILENO, "%s 中缺少函数 %s（%s需要）：版本过旧？请运行 scripts/install-deps.sh。\n",
                soname, name, purpose);
        _exit(3);
    }
    return symbol;
}

int fayuan_lazy_library_loaded(const char *soname) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_NOLOAD);
    if (library == NULL) return 0;
    dlclose(library);
    return 1;
}
