#!/usr/bin/env python3
"""Solve an LP/MPS file with HiGHS (highspy); print status, objective, dual bound, gap, seconds.
Usage: highs_solve.py FILE [time_limit_s] [mip_rel_gap]"""
import sys, time
import highspy

h = highspy.Highs()
h.setOptionValue("output_flag", False)
if len(sys.argv) > 2:
    h.setOptionValue("time_limit", float(sys.argv[2]))
h.setOptionValue("mip_rel_gap", float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
started = time.perf_counter()
h.readModel(sys.argv[1])
h.run()
info = h.getInfo()
print(h.modelStatusToString(h.getModelStatus()), info.objective_function_value, info.mip_dual_bound, info.mip_gap,
      f"{time.perf_counter() - started:.3f}")
