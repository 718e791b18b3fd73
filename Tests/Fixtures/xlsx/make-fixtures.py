"""Makes the workbook fixtures of ScenarioIOTests/WorkbookReaderTests with openpyxl (a writer
other than LibreOffice and libxlsxwriter): python3 make-fixtures.py. The files are committed;
rerun only to change them."""
import datetime
import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

# edge.xlsx: a decoy sheet first; on 项目库 the header on row 2, rich text, booleans, an error
# value in a text field, a date in a text field, 1E-3-like numbers, a float with noise, an
# empty row, and a merged text range (3.3000000000000003 reads as 3.3).
wb = openpyxl.Workbook()
wb.active.title = "说明"
wb.active["A1"] = "见项目库"
ws = wb.create_sheet("项目库")
ws.append([])
ws.append(["id", "cost", "households", "note", "flag", "approved", "value"])
ws.append(["A", 100000, 3, CellRichText([TextBlock(InlineFont(b=True), "重点"), "项目"]), True, datetime.date(2017, 5, 1), 1.1 + 2.2])
ws.append([])
ws.append(["B", "5万", 4.0, "=1/0", False, "2018", 0.001])
ws["D5"] = "#DIV/0!"
ws.append(["C", 20000, 2, None, None, None, 4])
ws.append(["D", 20000, 2, None, None, None, 4])
ws.merge_cells("D6:D7")
ws["D6"] = "共同备注"
wb.save("edge.xlsx")

# right-of-header.xlsx: a value in a column without a header.
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["id", "cost"])
ws.append(["A", 1000, None, "stray"])
wb.save("right-of-header.xlsx")

# error-in-number.xlsx: an Excel error value in cost.
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["id", "cost"])
ws.append(["A", "#DIV/0!"])
wb.save("error-in-number.xlsx")
