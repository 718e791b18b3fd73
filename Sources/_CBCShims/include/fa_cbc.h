#ifndef FA_CBC_H
#define FA_CBC_H
/* CBC's C API, loaded when first used (dlopen), not at process start: linking libCbcSolver
 * and its COIN-OR, LAPACK and Fortran libraries cost every fundalloc process ≈ 6 ms before
 * main (an empty C program: 1.2 → 7.1 ms), whether or not it solves with CBC. */
#include <coin/Cbc_C_Interface.h>

typedef struct fa_cbc_api {
    Cbc_Model *(*newModel)(void);
    void (*deleteModel)(Cbc_Model *);
    void (*loadProblem)(Cbc_Model *, const int, const int, const CoinBigIndex *, const int *, const double *,
                        const double *, const double *, const double *, const double *, const double *);
    void (*setInteger)(Cbc_Model *, int);
    void (*setObjSense)(Cbc_Model *, double);
    void (*setLogLevel)(Cbc_Model *, int);
    void (*setParameter)(Cbc_Model *, const char *, const char *);
    void (*setAllowableGap)(Cbc_Model *, double);
    int (*solve)(Cbc_Model *);
    int (*status)(Cbc_Model *);
    int (*secondaryStatus)(Cbc_Model *);
    int (*getNodeCount)(Cbc_Model *);
    const char *(*getVersion)(void);
    double *(*bestSolution)(Cbc_Model *);
    double (*getBestPossibleObjValue)(Cbc_Model *);
    int (*isContinuousUnbounded)(Cbc_Model *);
    int (*isProvenInfeasible)(Cbc_Model *);
    int (*isProvenOptimal)(Cbc_Model *);
    int (*isInitialSolveProvenPrimalInfeasible)(Cbc_Model *);
    int (*isInitialSolveProvenOptimal)(Cbc_Model *);
    int (*isInitialSolveAbandoned)(Cbc_Model *);
    int (*isSecondsLimitReached)(Cbc_Model *);
} fa_cbc_api;

/* The API, loaded once (thread-safe); NULL when the library or a function is missing, with
 * the reason in fa_cbc_error(). */
const fa_cbc_api *fa_cbc(void);
const char *fa_cbc_error(void);

/* api->solve(model), with abort() caught: CLP and CBC in Debian's build keep their assert()s,
 * and a failed one (measured: ClpSimplexDual.cpp:3626 in a tie-break stage of the Xianyang
 * baseline at 1.188亿 without a MIP start) would end the process. While Cbc_solve runs, a
 * SIGABRT raised on the calling thread jumps back here: *aborted is 1 and the model must not be
 * touched again (it is left allocated); CBC's static state is then unknown, so the caller stops
 * using CBC. A SIGABRT on any other thread, or outside Cbc_solve, aborts as before. */
int fa_cbc_solve(const fa_cbc_api *api, Cbc_Model *model, int *aborted);

#endif
