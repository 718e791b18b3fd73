// libxlsxwriter from Debian's libxlsxwriter-dev (`--format xlsx`).
#include <xlsxwriter.h>
