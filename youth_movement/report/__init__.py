from . import xlsx_report
from . import membership_xlsx
from . import partner_xlsx
