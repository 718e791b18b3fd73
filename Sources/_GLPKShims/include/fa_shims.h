#ifndef FA_SHIMS_H
#define FA_SHIMS_H
#include <stddef.h>
#include <glpk.h>

/* Options for fa_solve_mip. Zero-initialise, then set what you need. */
typedef struct {
    int time_limit_ms;      /* <= 0: no limit */
    double mip_gap;         /* relative gap at which to stop; 0: prove optimality */
    int msg_lev;            /* GLP_MSG_* */
    int presolve;           /* GLP_ON / GLP_OFF */
    int fp_heur, ps_heur, gmi_cuts, mir_cuts, cov_cuts, clq_cuts;  /* GLP_ON / GLP_OFF */
    int ps_tm_lim;          /* proximity search time limit, ms (0: GLPK default) */
    int br_tech, bt_tech;   /* 0: GLPK default */
    int dual_simplex;       /* 1: solve the root LP (presolve off) with the dual simplex */
    int submip_gmi_cuts;    /* GLP_ON / GLP_OFF: Gomory cuts in the sub-MIP heuristic (the search
                               itself follows gmi_cuts) */
    int submip_tm_lim;      /* > 0 (presolve off): before branching, run a sub-MIP heuristic for at
                               most this many ms and offer its solution to the search: RINS
                               around `start` when one is given, else a two-step RENS around
                               the root LP (fa_shims.c) */
    const double *start;    /* optional starting solution, 1-based (start[1..n]); NULL: none */
    double objective_step;  /* > 0: every solution's objective is a multiple of this (all columns
                               integer, coefficients multiples of it): the search stops, proven,
                               once incumbent and bound are less than one step apart */
    const int *basis;       /* optional (presolve off): a simplex basis to start the root LP from,
                               GLP_BS/NL/NU/NF/NS for the first basis_rows rows, then the first
                               basis_cols columns; further rows start basic, further columns
                               at their lower bound. NULL: GLPK's own starting basis */
    int basis_rows, basis_cols;
    int node_limit;         /* > 0: stop (GLP_ESTOP, best solution kept) once this many nodes exist */
    int soft_time_limit_ms; /* > 0: stop (as at time_limit_ms) after this many ms once a solution is known */
} fa_mip_params;

/* What a MIP solve reports. */
typedef struct {
    int ret;                /* glp_intopt return code */
    int status;             /* glp_mip_status */
    double objective;       /* glp_mip_obj_val (valid when status is GLP_OPT or GLP_FEAS) */
    double best_bound;      /* last best bound seen in the callback */
    int has_bound;
    double gap;             /* last glp_ios_mip_gap seen (DBL_MAX until an incumbent exists) */
    int nodes;              /* branch-and-bound nodes created */
    int proven_by_step;     /* 1: stopped because the bound is within one objective step */
    int has_basis;          /* 1: basis_out holds the root LP's optimal basis (presolve off) */
} fa_mip_result;

unsigned long fa_generation(void);

/* Ctrl-C: after fa_install_interrupt_handler, SIGINT and SIGTERM set a flag (the signal number)
   instead of killing the process; a running branch-and-bound stops at its next callback. */
void fa_install_interrupt_handler(void);
int fa_interrupt_signal(void);          /* 0 until a signal arrived */
void fa_request_interrupt(int sig);     /* as if `sig` had arrived (tests) */

/* Terminal capture (thread-local). */
const char *fa_captured_text(size_t *length);
void fa_capture_clear(void);

int fa_create_prob(glp_prob **out);
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

/* Adds one row; ind is 1-based column numbers, val their coefficients (len entries, 0-based). */
int fa_add_row(glp_prob *p, int len, const int *ind, const double *val,
               int type, double lb, double ub, const char *name);

/* Solves the MIP (LP relaxation included). col_values receives ncols values (0-based);
   basis_out (nrows + ncols statuses, rows first; may be NULL) the root LP's optimal basis
   when result->has_basis is set. */
int fa_solve_mip(glp_prob *p, const fa_mip_params *params, fa_mip_result *result,
                 double *col_values, int *basis_out);

/* Writes the model in CPLEX LP (format 0) or free MPS (format 1). */
int fa_write_model(glp_prob *p, int format, const char *name, const char *path, int *ret);

/* Calls glp_error: lets tests prove that an error is intercepted, not fatal. */
int fa_provoke_error(void);

#endif
