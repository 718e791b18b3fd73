#include "fa_cbc.h"
#include <dlfcn.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static fa_cbc_api api;
static const fa_cbc_api *loaded;
static char error[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    /* coinor-libcbc3 installs the versioned name; coinor-libcbc-dev adds the plain one. */
    void *lib = dlopen("libCbcSolver.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libCbcSolver.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(error, sizeof error, "cannot load CBC (libCbcSolver.so.3): %s", dlerror());
        return;
    }
#define FA_LOAD(field, symbol) \
    if (!(*(void **)&api.field = dlsym(lib, #symbol))) { \
        snprintf(error, sizeof error, "CBC's library lacks %s", #symbol); return; }
    FA_LOAD(newModel, Cbc_newModel)
    FA_LOAD(deleteModel, Cbc_deleteModel)
    FA_LOAD(loadProblem, Cbc_loadProblem)
    FA_LOAD(setInteger, Cbc_setInteger)
    FA_LOAD(setObjSense, Cbc_setObjSense)
    FA_LOAD(setLogLevel, Cbc_setLogLevel)
    FA_LOAD(setParameter, Cbc_setParameter)
    FA_LOAD(setAllowableGap, Cbc_setAllowableGap)
    FA_LOAD(solve, Cbc_solve)
    FA_LOAD(status, Cbc_status)
    FA_LOAD(secondaryStatus, Cbc_secondaryStatus)
    FA_LOAD(getNodeCount, Cbc_getNodeCount)
    FA_LOAD(getVersion, Cbc_getVersion)
    FA_LOAD(bestSolution, Cbc_bestSolution)
    FA_LOAD(getBestPossibleObjValue, Cbc_getBestPossibleObjValue)
    FA_LOAD(isContinuousUnbounded, Cbc_isContinuousUnbounded)
    FA_LOAD(isProvenInfeasible, Cbc_isProvenInfeasible)
    FA_LOAD(isProvenOptimal, Cbc_isProvenOptimal)
    FA_LOAD(isInitialSolveProvenPrimalInfeasible, Cbc_isInitialSolveProvenPrimalInfeasible)
    FA_LOAD(isInitialSolveProvenOptimal, Cbc_isInitialSolveProvenOptimal)
    FA_LOAD(isInitialSolveAbandoned, Cbc_isInitialSolveAbandoned)
    FA_LOAD(isSecondsLimitReached, Cbc_isSecondsLimitReached)
#undef FA_LOAD
    loaded = &api;
}

const fa_cbc_api *fa_cbc(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *fa_cbc_error(void) { return error; }

/* ---- Cbc_solve guarded against abort() ------------------------------------------------- */

/* The solve's return point on the calling thread while Cbc_solve runs (NULL otherwise). */
static _Thread_local sigjmp_buf *abort_target;

static void on_abort(int sig) {
    sigjmp_buf *target = abort_target;
    if (target) {
        abort_target = NULL;
        siglongjmp(*target, 1);   /* glibc's abort() has released its lock before raising */
    }
    signal(sig, SIG_DFL);         /* not ours: abort as before */
    raise(sig);
}

int fa_cbc_solve(const fa_cbc_api *api, Cbc_Model *model, int *aborted) {
    *aborted = 0;
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_abort;
    sigemptyset(&action.sa_mask);
    sigjmp_buf target;
    volatile int ret = -1;
    sigaction(SIGABRT, &action, &previous);
    if (sigsetjmp(target, 1) == 0) {
        abort_target = &target;
        ret = api->solve(model);
    } else {
        *aborted = 1;
    }
    abort_target = NULL;
    sigaction(SIGABRT, &previous, NULL);
    return ret;
}
