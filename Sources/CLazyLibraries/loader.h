#ifndef FAYUAN_LAZY_LOADER_H
#define FAYUAN_LAZY_LOADER_H

void *fayuan_lazy_symbol(void **handle, const char *soname, const char *purpose, const char *name);

/* Defines NAME with the library's own prototype (from its header, so the compiler checks it) as a
 * forwarder: the first call looks the real function up, later calls jump straight to it. */
#define LAZY_FORWARD(LIB, RET, NAME, PARAMS, ARGS)                                        \
    RET NAME PARAMS {                                                                     \
        static RET (*real) PARAMS;                                                        \
        RET (*f) PARAMS = __atomic_load_n(&real, __ATOMIC_ACQUIRE);                       \
        if (f == 0) {                                                                     \
            f = (RET (*) PARAMS)LIB##_symbol(#NAME);                                      \
            __atomic_store_n(&real, f, __ATOMIC_RELEASE);                                 \
        }                                                                                 \
        return f ARGS;                                                                    \
    }

#define LAZY_FORWARD_VOID(LIB, NAME, PARAMS, ARGS)                                        \
    void NAME PARAMS {                                                                    \
        static void (*real) PARAMS;                                                       \
        void (*f) PARAMS = __atomic_load_n(&real, __ATOMIC_ACQUIRE);                      \
        if (f == 0) {                                                                     \
            f = (void (*) PARAMS)LIB##_symbol(#NAME);                                     \
            __atomic_store_n(&real, f, __ATOMIC_RELEASE);                                 \
        }                                                                                 \
        f ARGS;                                                                           \
    }

#endif
