"""A hospital's clinical table as an Excel workbook, written and read by Python's reference libraries, for
bench/tables-vs-python.sh.

write FILE ROWS: a patients table (strings, Chinese text, integers, decimals, dates in a date format, booleans, blanks)
  as .xls (xlwt) or .xlsx (openpyxl), by FILE's extension; fixed seed.
read FILE REPEATS: the first sheet read into CSV text as LiverCast does (dates in a date format as ISO dates, numbers
  as Excel shows them), xlrd for .xls, openpyxl (read-only, cached values) for .xlsx; prints
  "python BEST_SECONDS NONEMPTY_CELLS".
"""
import csv
import datetime
import io
import random
import sys
import time

HEADER = ['patient_id', 'centre_id', 'sex', 'birth_date', 'age_years', 'albumin', 'afp', 'platelets', 'surgery_date',
          'cirrhosis', 'hbsag_positive', 'nodule_sizes_mm', 'ascites', 'note']


def rows(n):
    r = random.Random(7)
    for i in range(n):
        birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=r.randrange(20000))
        surgery = datetime.date(2015, 1, 1) + datetime.timedelta(days=r.randrange(3000))
        yield ['C01%08d' % i, 'C01', r.choice(['男', '女']), birth, r.randrange(30, 85), round(r.uniform(25, 50), 1),
               round(r.lognormvariate(3, 2), 2), r.randrange(50, 400), surgery, r.random() < 0.6, r.random() < 0.8,
               ';'.join(str(r.randrange(10, 120)) for _ in range(r.randrange(1, 3))), r.choice(['无', '轻度', None]),
               r.choice([None, None, '术后恢复良好', 'follow-up, "as planned"'])]


def write(path, n):
    if path.endswith('.xls'):
        import xlwt
        wb = xlwt.Workbook(encoding='utf-8')
        ws = wb.add_sheet('patients')
        day = xlwt.easyxf(num_format_str='YYYY-MM-DD')
        for j, h in enumerate(HEADER):
            ws.write(0, j, h)
        for i, row in enumerate(rows(n), start=1):
            for j, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, datetime.date):
                    ws.write(i, j, v, day)
                else:
                    ws.write(i, j, v)
        wb.save(path)
    else:
        import openpyxl
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet('patients')
        ws.append(HEADER)
        for row in rows(n):
            ws.append(row)
        wb.save(path)


def text(v):
    if v is None:
        return ''
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, datetime.datetime):
        return v.date().isoformat() if v.time() == datetime.time() else v.isoformat(' ', 'minutes')
    if isinstance(v, float):
        return ('%.15g' % v)
    return str(v)


def read_xls(path):
    import xlrd
    book = xlrd.open_workbook(path, formatting_info=True)
    sheet = book.sheet_by_index(0)
    out = []
    for i in range(sheet.nrows):
        row = []
        for j in range(sheet.ncols):
            c = sheet.cell(i, j)
            if c.ctype == xlrd.XL_CELL_DATE:
                row.append(text(xlrd.xldate.xldate_as_datetime(c.value, book.datemode)))
            elif c.ctype == xlrd.XL_CELL_BOOLEAN:
                row.append(text(bool(c.value)))
            elif c.ctype == xlrd.XL_CELL_EMPTY or c.ctype == xlrd.XL_CELL_BLANK:
                row.append('')
            else:
                row.append(text(c.value))
        out.append(row)
    return out


def read_xlsx(path):
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = [[text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return out


def read(path, repeats):
    best = float('inf')
    cells = 0
    for _ in range(repeats):
        t = time.perf_counter()
        table = read_xls(path) if path.endswith('.xls') else read_xlsx(path)
        buf = io.StringIO()
        csv.writer(buf, lineterminator='\n').writerows(table)
        best = min(best, time.perf_counter() - t)
        cells = sum(1 for row in table for v in row if v != '')
    print('python %.4f %d' % (best, cells))


if __name__ == '__main__':
    if sys.argv[1] == 'write':
        write(sys.argv[2], int(sys.argv[3]))
    else:
        read(sys.argv[2], int(sys.argv[3]))
