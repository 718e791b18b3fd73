#ifndef FA_SHIMS_H
#define FA_SHIMS_H
#include <stddef.h>
#include <glpk.h>

/* Every function returns 0 when GLPK returned normally, -1 when a GLPK error was intercepted
   (the thread's GLPK environment is then freed; see README.md). No search policy lives here:
   GLPKBackend decides every parameter, this layer only calls GLPK and enforces the limits it
   is given. */

unsigned long fa_generation(void);

/* Ctrl-C: after fa_install_interrupt_handler, SIGINT and SIGTERM set a flag (the signal number)
   instead of killing the process; a running branch-and-bound stops at its next callback. */
void fa_install_interrupt_handler(void);
int fa_interrupt_signal(void);          /* 0 until a signal arrived */

/* Terminal capture (thread-local). */
const char *fa_captured_text(size_t *length);
void fa_capture_clear(void);
/* Appends a line to the captured text, as GLPK's own output is. */
int fa_print(const char *text);

int fa_create_prob(glp_prob **out);
/* A new problem holding p's rows, columns and matrix (names not copied). */
int fa_copy_prob(glp_prob *p, glp_prob **out);
/* Deletes p unless the environment it lived in was freed (generation changed). */
int fa_delete_prob(glp_prob *p, unsigned long generation);

/* Loads a whole model. Row and column arrays are 0-based (length nrows / ncols); the matrix
   triplets ia/ja/ar are 1-based as glp_load_matrix wants them (slot 0 unused, nnz entries).
   Types are GLP_FR/LO/UP/DB/FX; kinds GLP_CV/IV/BV. Names may be NULL. */
int fa_load_model(glp_prob *p, int nrows, int ncols,
                  const int *row_type, const double *row_lb, const double *row_ub,
                  const int *col_type, const double *col_lb, const double *col_ub,
                  const int *col_kind,
                  int nnz, const int *ia, const int *ja, const double *ar,
                  const char *const *row_names, const char *const *col_names);

/* Sets the objective: direction GLP_MIN/GLP_MAX, coefficients 0-based (length ncols). */
int fa_set_objective(glp_prob *p, int direction, const double *coef, double constant);

/* Column access, 0-based arrays of length count naming 1-based columns (cols). */
int fa_fix_columns(glp_prob *p, int count, const int *cols, const double *values);
int fa_set_column_kinds(glp_prob *p, int count, const int *cols, const int *kinds);
/* All columns (ncols entries, 0-based): kinds; the LP relaxation's primal values; the MIP
   solution's values (and its objective). */
int fa_column_kinds(glp_prob *p, int *kinds);
int fa_lp_values(glp_prob *p, double *values);
int fa_mip_values(glp_prob *p, double *values, double *objective, int *status);

/* glp_scale_prob(p, GLP_SF_AUTO). */
int fa_scale(glp_prob *p);

/* Simplex basis: statuses GLP_BS/NL/NU/NF/NS for the first `rows` rows, then the first `cols`
   columns (further rows basic, further columns at their lower bound); GLPK adjusts a
   non-basic status that does not fit a bound's type. */
int fa_set_basis(glp_prob *p, const int *basis, int rows, int cols);
int fa_get_basis(glp_prob *p, int *basis);          /* nrows + ncols statuses, rows first */
int fa_advanced_basis(glp_prob *p);                 /* glp_adv_basis(p, 0) */

/* The LP relaxation by the simplex: method GLP_PRIMAL or GLP_DUALP, no presolve, tm_lim ms
   (<= 0: none). ret: glp_simplex's return code; status: glp_get_status; objective. */
int fa_simplex(glp_prob *p, int method, int tm_lim, int msg_lev, int *ret, int *status, double *objective);

/* Why a search stopped before GLPK finished it (fa_search_result.stop). */
enum { FA_STOP_NONE = 0, FA_STOP_GAP, FA_STOP_STEP, FA_STOP_TIME, FA_STOP_NODES, FA_STOP_SIGNAL };

/* A branch-and-cut (glp_intopt). Zero-initialise, then set what you need. */
typedef struct {
    /* GLPK's own parameters (glp_iocp). */
    int msg_lev, presolve, fp_heur, ps_heur, gmi_cuts, mir_cuts, cov_cuts, clq_cuts;
    int br_tech, bt_tech;   /* 0: GLPK's default */
    int pp_root;            /* 1: bound preprocessing at the root node only (GLP_PP_ROOT); 0: at every
                               node (GLPK's default, GLP_PP_ALL) */
    int tm_lim;             /* GLPK's own time limit, ms (<= 0: none) */
    double tol_int;         /* > 0: integrality tolerance (GLPK's default otherwise) */
    /* The callback: with use_callback 0 GLPK runs alone with the parameters above. */
    int use_callback;
    int deadline_ms;        /* > 0: stop this many ms after the call (tested at every callback) */
    int limit_ms;           /* the whole limit deadline_ms is what is left of (for cut_guard) */
    int soft_deadline_ms;   /* > 0: stop this many ms after the call once a solution is known */
    int cut_guard;          /* 1: switch the cut generators off where a round would end past the
                               deadline (before their set-up when less than a quarter of
                               limit_ms is left, before a round when less is left than the
                               last round took) */
    int root_cuts_only;     /* 1: GLPK's cut generators at the root node only (switched off when the
                               search first selects a node after it) */
    double mip_gap;         /* > 0: stop once the relative gap is at most this */
    double objective_step;  /* > 0: every objective value is a multiple of it: stop, proven, once
                               incumbent and bound are less than one step apart */
    int node_limit;         /* > 0: stop once this many nodes exist */
    const double *offered[2];  /* solutions (1-based, x[1..n]) offered at the first heuristic
                                  callback; GLPK keeps one only if it is better */
    int offered_count;
    double initial_bound;   /* the bound known before the search (the root LP's optimum) */
    int has_initial_bound;
} fa_search_params;

/* What a search reports. */
typedef struct {
    int ret;                /* glp_intopt's return code */
    int status;             /* glp_mip_status */
    double objective;       /* glp_mip_obj_val */
    double best_bound;      /* the last bound read (see has_bound) */
    int has_bound;
    double gap;             /* the last glp_ios_mip_gap read (DBL_MAX until an incumbent exists) */
    int nodes;              /* branch-and-bound nodes created */
    int stop;               /* FA_STOP_*: why the callback stopped the search */
} fa_search_result;

/* Runs glp_intopt on p (without the presolver its LP relaxation must be optimal); col_values
   receives ncols values (0-based). */
int fa_intopt(glp_prob *p, const fa_search_params *params, fa_search_result *result, double *col_values);

/* Writes the model in CPLEX LP (format 0) or free MPS (format 1). */
int fa_write_model(glp_prob *p, int format, const char *name, const char *path, int *ret);

/* Calls glp_error: lets tests prove that an error is intercepted, not fatal. */
int fa_provoke_error(void);

#endif
