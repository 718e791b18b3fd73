// COIN-OR CBC 2.10 from Debian's coinor-libcbc-dev (the second backend, `--backend cbc`).
#include <coin/Cbc_C_Interface.h>
